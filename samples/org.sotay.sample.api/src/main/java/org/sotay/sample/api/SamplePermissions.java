package org.sotay.sample.api;

/** Permissions of the sample module, held at an org unit and covering its subtree ({@code <module>.<thing>.<action>}). */
public final class SamplePermissions {
    /** Read the notices of the subtree. */
    public static final String READ = "sample.notice.read";
    /** Publish and edit notices in the subtree. */
    public static final String WRITE = "sample.notice.write";

    private SamplePermissions() {
    }
}
