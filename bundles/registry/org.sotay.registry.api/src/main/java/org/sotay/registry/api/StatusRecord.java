package org.sotay.registry.api;

import java.time.Instant;
import java.time.LocalDate;

import org.sotay.core.api.Required;

/** One recorded status change: who changed what, effective when, and why. */
public record StatusRecord(@Required MemberStatus from, @Required MemberStatus to, @Required LocalDate effective, String reason,
        @Required Instant recordedAt, @Required String recordedBy) {
}
