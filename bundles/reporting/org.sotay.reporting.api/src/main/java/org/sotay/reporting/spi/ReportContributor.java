package org.sotay.reporting.spi;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A plugin's own figure in the same drill-down as the platform's (the party-fee module: the share
 * of members paid up). The reporting module asks every registered contributor for the units of one
 * report line at a time (the unit and its children, already checked against the caller's scope), so
 * a contributor never decides who may see what. It answers from its own aggregates, quickly (a
 * report waits for it); one that throws or is slow is left out of that report and logged.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface ReportContributor {
    /** A stable code, {@code <module>.<figure>} ({@code fees.paid-up}). */
    String code();

    /** The figure's title in Vietnamese. */
    String titleVi();

    /** The figure's title in English. */
    String titleEn();

    /** The figure over each of {@code unitIds}' subtrees on {@code at}; a unit it has nothing for is left out. */
    Map<String, Figure> figures(List<String> unitIds, LocalDate at);

    /** {@code numerator} of {@code denominator} (members paid up of members due). */
    record Figure(long numerator, long denominator) {
    }
}
