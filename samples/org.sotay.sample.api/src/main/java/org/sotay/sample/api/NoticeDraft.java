package org.sotay.sample.api;

import org.sotay.core.api.Required;

/**
 * What a client sends to publish or edit a notice. {@code unitId} is where it is published (the
 * writer needs {@link SamplePermissions#WRITE} there) and cannot change afterwards; {@code version}
 * is required to edit, and refused to publish.
 */
public record NoticeDraft(String unitId, @Required String title, @Required String body, Long version) {
    public static final int TITLE_MAX = 200;
    public static final int BODY_MAX = 4000;
}
