package org.sotay.fees.api;

/** How the month's dues were paid. The module records the fact only: it holds no money and no bank data. */
public enum PaymentMethod {
    /** In cash, to the cell (at its meeting). */
    CASH,
    /** Through the national public service portal; the cell marks it as paid. */
    PORTAL
}
