package org.sotay.core.api;

import java.util.List;
import java.util.Objects;

/**
 * One page of a list. {@code total} is the number of items the whole query matches (within the
 * caller's scope); {@code nextOffset} is {@code null} on the last page.
 *
 * <p>A long list may count only up to a bound: then {@link #isTotalExact() totalExact} is
 * {@code false} and {@code total} is a lower bound ("at least this many"). A list read by key also
 * gives {@link #getNextCursor() nextCursor}, the {@code cursor} of the next page ({@code null} on
 * the last page), which never skips or repeats an item when items are added between the pages.
 */
public final class Page<T> {
    private final List<T> items;
    private final long total;
    private final int offset;
    private final int limit;
    private final boolean totalExact;
    private final String nextCursor;

    public Page(List<T> items, long total, PageRequest request) {
        this(items, total, true, request, null);
    }

    /**
     * A page whose {@code total} may be a lower bound ({@code totalExact} false) and that may give the
     * cursor of the next page ({@code null} on the last page or when the list is not read by key).
     *
     * @since 1.3
     */
    public Page(List<T> items, long total, boolean totalExact, PageRequest request, String nextCursor) {
        this.items = List.copyOf(Objects.requireNonNull(items, "items"));
        this.total = total;
        this.offset = request.offset();
        this.limit = request.limit();
        this.totalExact = totalExact;
        this.nextCursor = nextCursor;
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

    /** {@code false} when {@link #getTotal()} is a lower bound: the list was counted only that far. */
    public boolean isTotalExact() {
        return totalExact;
    }

    /** The {@code cursor} of the next page, or {@code null}. */
    public String getNextCursor() {
        return nextCursor;
    }

    public Integer getNextOffset() {
        long next = (long) offset + items.size();
        boolean more = totalExact ? next < total : items.size() == limit;
        return more && !items.isEmpty() && next <= PageRequest.MAX_OFFSET ? (int) next : null;
    }
}
