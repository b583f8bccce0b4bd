package org.sotay.core.api;

import java.util.List;
import java.util.Objects;

/**
 * One page of a list. {@code total} is the number of items the whole query matches (within the
 * caller's scope); {@code nextOffset} is {@code null} on the last page.
 */
public final class Page<T> {
    private final List<T> items;
    private final long total;
    private final int offset;
    private final int limit;

    public Page(List<T> items, long total, PageRequest request) {
        this.items = List.copyOf(Objects.requireNonNull(items, "items"));
        this.total = total;
        this.offset = request.offset();
        this.limit = request.limit();
    }

    public List<T> getItems() {
        return items;
    }

    public long getTotal() {
        return total;
    }

    public int getOffset() {
        return offset;
    }

    public int getLimit() {
        return limit;
    }

    public Integer getNextOffset() {
        long next = (long) offset + items.size();
        return next < total && !items.isEmpty() ? (int) next : null;
    }
}
