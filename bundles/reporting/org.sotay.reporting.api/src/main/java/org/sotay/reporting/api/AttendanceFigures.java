package org.sotay.reporting.api;

import org.sotay.core.api.Required;

/**
 * Attendance over the meetings held of one kind ({@code kind}: {@code REGULAR}, {@code THEMATIC}, ...;
 * {@code "*"} for all of them): members on the rolls, exempt and away (left out of the expected),
 * present (official, probationary, temporarily attached), absent with and without a reason, and who
 * recorded the presence (the secretary's marks against members' own check-ins). {@code present} is
 * present of expected (on the roll less exempt and away).
 */
public record AttendanceFigures(@Required String kind, long meetings, long onRoll, long exempt, long away, long presentOfficial,
        long presentProbationary, long presentAttached, long absentExcused, long absentUnexcused, long markedBySecretary, long selfCheckIns,
        @Required Rate present, @Required Rate absentWithoutReason, @Required Rate markedBySecretaryShare) {

    public static AttendanceFigures of(String kind, long meetings, long onRoll, long exempt, long away, long official, long probationary,
            long attached, long excused, long unexcused, long secretary, long self) {
        long expected = onRoll - exempt - away;
        long present = official + probationary + attached;
        return new AttendanceFigures(kind, meetings, onRoll, exempt, away, official, probationary, attached, excused, unexcused, secretary, self,
                Rate.of(present, expected), Rate.of(unexcused, expected), Rate.of(secretary, secretary + self));
    }
}
