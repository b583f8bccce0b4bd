package org.sotay.fees.api;

/** Permissions of the fees module, held at an org unit and covering its subtree ({@code <module>.<thing>.<action>}). */
public final class FeesPermissions {
    /** Read the sheets, the members' payment histories and the warnings of the subtree; quote an amount. */
    public static final String READ = "fees.payment.read";
    /** Open a sheet and record payments in the subtree (the cell secretary, the committee's staff). */
    public static final String RECORD = "fees.payment.record";

    private FeesPermissions() {
    }
}
