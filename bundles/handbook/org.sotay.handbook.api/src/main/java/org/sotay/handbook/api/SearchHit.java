package org.sotay.handbook.api;

import org.sotay.core.api.Required;

/** A search result: the item and its score (title words weigh more than summary words, which weigh more than body words). */
public record SearchHit(@Required ItemSummary item, int score) {
}
