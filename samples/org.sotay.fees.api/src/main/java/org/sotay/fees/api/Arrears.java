package org.sotay.fees.api;

import java.time.Instant;
import java.util.List;

import org.sotay.core.api.Required;

/**
 * A warning: the member reached the configured number of unpaid months (three by default) in a
 * calendar year, grounds for the cell to consider striking them off (it decides; there may be good
 * reason). {@code unpaidPeriods} are the months still unpaid now; {@code raisedAt} when the warning
 * was first raised ({@link FeesEvents#MEMBER_ARREARS}).
 */
public record Arrears(@Required String memberId, @Required String fullName, @Required String unitId, int year,
        @Required List<String> unpaidPeriods, @Required Instant raisedAt) {
}
