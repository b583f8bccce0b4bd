package org.sotay.sample.api;

import org.sotay.core.api.Required;

/** What a client sends to publish or edit a notice. {@code version} is required to edit, ignored to publish. */
public record NoticeDraft(@Required String title, @Required String body, Long version) {
    public static final int TITLE_MAX = 200;
    public static final int BODY_MAX = 4000;
}
