package org.sotay.meetings.api;

import java.util.List;

import org.sotay.core.api.Required;

/** Marks of one call, applied all or nothing. */
public record MarkList(@Required List<Mark> marks) {
}
