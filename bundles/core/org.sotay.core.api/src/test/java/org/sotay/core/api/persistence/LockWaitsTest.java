package org.sotay.core.api.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** What counts as a wait for locks that ran out, wherever the driver's exception sits in the chain. */
class LockWaitsTest {
    @Test
    void lockTimeoutsAndDeadlocksOfBothDatabasesCountWrappedAsTheyComeOtherErrorsDoNot() {
        assertTrue(LockWaits.ranOut(new IllegalStateException("member search failed",
                new RuntimeException(new SQLException("A lock could not be obtained within the time requested", "40XL1")))));
        assertTrue(LockWaits.ranOut(new RuntimeException(new SQLException("canceling statement due to lock timeout", "55P03"))));
        assertTrue(LockWaits.ranOut(new SQLException("deadlock detected", "40P01")));
        assertFalse(LockWaits.ranOut(new IllegalStateException("member search failed", new SQLException("relation does not exist", "42P01"))));
        assertFalse(LockWaits.ranOut(new SQLException("no state")));
        assertFalse(LockWaits.ranOut(new IllegalStateException("the demo province has no official member")));
    }
}
