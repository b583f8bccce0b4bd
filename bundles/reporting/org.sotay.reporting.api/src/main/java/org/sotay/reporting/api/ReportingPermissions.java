package org.sotay.reporting.api;

/** Permissions of the reporting module, held at an org unit and covering its subtree. */
public final class ReportingPermissions {
    /** Read the figures of the subtree (and export them). */
    public static final String READ = "reporting.read";
    /** Start a rebuild of every figure from the source modules (an administrator's tool). */
    public static final String REBUILD = "reporting.rebuild";

    private ReportingPermissions() {
    }
}
