package org.sotay.registry.api;

import java.time.Instant;
import java.time.LocalDate;

/** One recorded status change: who changed what, effective when, and why. */
public record StatusRecord(MemberStatus from, MemberStatus to, LocalDate effective, String reason, Instant recordedAt,
        String recordedBy) {
}
