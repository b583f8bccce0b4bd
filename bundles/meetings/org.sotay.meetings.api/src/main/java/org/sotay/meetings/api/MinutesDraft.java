package org.sotay.meetings.api;

import java.util.List;

/** The structured minutes as the minute taker writes them; {@code version} of the draft is required once it exists. */
public record MinutesDraft(List<MinutesItemDraft> items, String notes, Long version) {
    public static final int NOTES_MAX = 20000;
    public static final int ITEMS_MAX = 50;
}
