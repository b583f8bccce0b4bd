package org.sotay.handbook.impl.internal;

import java.sql.SQLException;

/**
 * Whether a failure is a wait for another transaction's locks that ran out (the database is busy,
 * not wrong): Derby's lock timeout ({@code 40XL1}) and deadlock ({@code 40001}), PostgreSQL's
 * {@code lock_not_available} ({@code 55P03}), deadlock ({@code 40P01}), serialization failure
 * ({@code 40001}) and cancelled statement ({@code 57014}, a {@code statement_timeout}). Found anywhere in
 * the cause chain, as EclipseLink and the JPA template wrap the driver's exception.
 */
final class LockWaits {
    private LockWaits() {
    }

    static boolean ranOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                switch (sql.getSQLState()) {
                case "40XL1", "40001", "55P03", "40P01", "57014":
                    return true;
                default:
                    break;
                }
            }
            String name = t.getClass().getName();
            if (name.equals("javax.persistence.LockTimeoutException") || name.equals("javax.persistence.PessimisticLockException")) {
                return true;
            }
        }
        return false;
    }
}
