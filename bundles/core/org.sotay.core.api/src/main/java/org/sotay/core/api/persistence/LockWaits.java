package org.sotay.core.api.persistence;

import java.sql.SQLException;

/**
 * Whether a failure is a wait for another transaction's locks that ran out (the database is busy,
 * not wrong): Derby's lock timeout ({@code 40XL1}) and deadlock ({@code 40001}), PostgreSQL's
 * {@code lock_not_available} ({@code 55P03}), deadlock ({@code 40P01}), serialization failure
 * ({@code 40001}) and cancelled statement ({@code 57014}, a {@code statement_timeout}). Found anywhere in
 * the cause chain, as EclipseLink and the JPA template wrap the driver's exception.
 *
 * <p>Such a failure is worth a retry and an INFO line, not a stack trace: a module's background work
 * that meets one (a first aggregation while the demo province is still being loaded, say) runs again
 * later and succeeds.
 *
 * @since 1.2.0
 */
public final class LockWaits {
    private LockWaits() {
    }

    /** Whether {@code failure}, or one of its causes, is a lock wait that ran out. */
    public static boolean ranOut(Throwable failure) {
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
