package org.sotay.meetings.api;

import java.util.List;

import org.sotay.core.api.Required;

/**
 * The roll, computed from the roster and the attendance entries, never typed: members in total (split
 * official, probationary, temporarily attached), exempt and away; present, split the same way; absent
 * with and without a reason, each by name; and how many entries the secretary marked and how many were
 * members' own check-ins.
 */
public record Roll(@Required String meetingId, @Required Counts members, int exempt, int away, @Required Counts present, int absentExcused,
        int absentUnexcused, int unmarked, int markedBySecretary, int selfCheckIns, @Required List<RollEntry> absentWithReason,
        @Required List<RollEntry> absentWithoutReason, @Required List<RollEntry> entries) {
}
