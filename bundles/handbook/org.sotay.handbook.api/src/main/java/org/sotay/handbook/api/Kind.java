package org.sotay.handbook.api;

import org.sotay.core.api.Required;

/**
 * A kind of item (data, not code): {@code resolution}, {@code directive}, {@code news}, ... {@code numbered}
 * kinds carry an issuing body, a document number and date.
 */
public record Kind(@Required String code, @Required String nameVi, @Required String nameEn, boolean numbered, int position) {
    public static final int NAME_MAX = 100;
}
