package org.sotay.reporting.api;

import org.sotay.core.api.Required;

/** A figure a plugin adds to the drill-down through {@link org.sotay.reporting.spi.ReportContributor}. */
public record Contributed(@Required String code, @Required String titleVi, @Required String titleEn, @Required Rate rate) {
}
