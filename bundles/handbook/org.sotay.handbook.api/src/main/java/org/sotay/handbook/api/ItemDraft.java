package org.sotay.handbook.api;

import java.time.LocalDate;
import java.util.List;

/**
 * What an editor writes. {@code body} is Markdown (CommonMark); the server renders it to sanitized HTML.
 * {@code ownerUnitId} (the unit whose staff manage the item) is set when the item is created and never
 * changes; {@code version} is required to edit and refused to create. {@code issuer},
 * {@code documentNumber} and {@code documentDate} only for kinds that are {@link Kind#numbered()}.
 */
public record ItemDraft(String kind, String categoryId, String title, String summary, String body, List<String> tags, String issuer,
        String documentNumber, LocalDate documentDate, String ownerUnitId, Audience audience, Boolean mandatory, LocalDate deadline,
        Long version) {
    public static final int TITLE_MAX = 300;
    public static final int SUMMARY_MAX = 1000;
    public static final int BODY_MAX = 200_000;
    public static final int TAG_MAX = 50;
    public static final int TAGS_MAX = 20;
    public static final int ISSUER_MAX = 200;
    public static final int NUMBER_MAX = 60;
}
