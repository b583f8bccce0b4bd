package org.sotay.identity.api;

import java.time.Instant;
import java.time.LocalDate;

/** A role held at a unit (covering its subtree) from {@code validFrom} to {@code validTo} inclusive ({@code null}: open). */
public record Grant(String id, Role role, String unitId, LocalDate validFrom, LocalDate validTo, String grantedBy, Instant grantedAt) {
}
