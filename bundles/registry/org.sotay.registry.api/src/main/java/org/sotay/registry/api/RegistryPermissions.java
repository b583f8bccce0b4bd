package org.sotay.registry.api;

/** Permissions of the registry, held at an org unit and covering its subtree. */
public final class RegistryPermissions {
    /** Read units and members in the subtree. */
    public static final String READ = "registry.read";
    /** Create, edit and transfer members in the subtree. */
    public static final String MEMBER_WRITE = "registry.member.write";
    /** Create units and restructure (rename, move, merge, close) in the subtree. */
    public static final String UNIT_WRITE = "registry.unit.write";

    private RegistryPermissions() {
    }
}
