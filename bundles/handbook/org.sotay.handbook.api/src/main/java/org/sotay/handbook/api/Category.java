package org.sotay.handbook.api;

import org.sotay.core.api.Required;

/** A node of the library's category tree (the deployment's own); {@code parentId} absent at the top. */
public record Category(@Required String id, String parentId, @Required String name, int depth, long version) {
    public static final int NAME_MAX = 200;
}
