package org.sotay.handbook.rest.internal;

import java.time.Instant;
import java.util.List;

import org.sotay.core.api.FieldError;
import org.sotay.core.api.Required;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.handbook.api.Item;
import org.sotay.handbook.api.ItemSummary;
import org.sotay.handbook.api.SearchHit;

/** Request bodies of the handbook's REST resources, and the page shapes they answer (for the API description). */
final class Bodies {
    private Bodies() {
    }

    /** {@code at} absent or past: now; later: scheduled. */
    record PublishRequest(Instant at, @Required Long version) {
    }

    record WithdrawRequest(@Required String reason, @Required Long version) {
    }

    record VersionRequest(@Required Long version) {
    }

    /** The shape of a page of item summaries (what {@code Page<ItemSummary>} is written as). */
    record ItemPage(@Required List<ItemSummary> items, long total, int offset, int limit, Integer nextOffset) {
    }

    record SearchPage(@Required List<SearchHit> items, long total, int offset, int limit, Integer nextOffset) {
    }

    record EditorPage(@Required List<Item> items, long total, int offset, int limit, Integer nextOffset) {
    }

    static long version(Long v) {
        if (v == null) {
            throw SotayException.invalid(List.of(new FieldError("version", "required", Text.of("Trường này là bắt buộc.", "This field is required."))));
        }
        return v;
    }

}
