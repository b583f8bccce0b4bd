package org.sotay.identity.api;

import java.time.Instant;
import java.time.LocalDate;

import org.sotay.core.api.Required;

/** A role held at a unit (covering its subtree) from {@code validFrom} to {@code validTo} inclusive ({@code null}: open). */
public record Grant(@Required String id, @Required Role role, @Required String unitId, @Required LocalDate validFrom, LocalDate validTo,
        @Required String grantedBy, @Required Instant grantedAt) {
}
