package org.sotay.handbook.api;

import org.sotay.core.api.Required;

/** Turns an answered question into a Q&A draft item owned by {@code ownerUnitId}, for {@code audience}; publish it as any item. */
public record QaDraft(@Required String ownerUnitId, @Required Audience audience, String categoryId) {
}
