package org.sotay.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class DatesTest {
    @Test
    void oneRangeForDaysAndInstants() {
        assertTrue(Dates.inRange(LocalDate.of(1900, 1, 1)));
        assertTrue(Dates.inRange(LocalDate.of(2199, 12, 31)));
        assertFalse(Dates.inRange(LocalDate.of(1899, 12, 31)));
        assertFalse(Dates.inRange(LocalDate.MAX));
        assertTrue(Dates.inRange((LocalDate) null), "absent is not out of range");
        assertTrue(Dates.inRange(Instant.parse("2199-12-31T23:59:59.999Z")));
        assertFalse(Dates.inRange(Instant.parse("2200-01-01T00:00:00Z")));
        assertFalse(Dates.inRange(Instant.MIN));
    }

    @Test
    void checkNamesTheField() {
        SotayException e = assertThrows(SotayException.class, () -> Dates.check("until", Instant.MAX));
        assertEquals(ProblemType.VALIDATION, e.type());
        assertEquals("until", e.errors().get(0).field());
        assertEquals(Dates.OUT_OF_RANGE, e.errors().get(0).code());
        assertEquals(LocalDate.of(2024, 5, 25), Dates.check("at", LocalDate.of(2024, 5, 25)));
    }

    @Test
    void queryParametersTakeTheSameRange() {
        assertEquals(LocalDate.of(2024, 2, 29), Params.date("at", "2024-02-29"));
        assertNull(Params.date("at", " "));
        assertEquals(Dates.OUT_OF_RANGE, assertThrows(SotayException.class, () -> Params.date("at", "+999999999-12-31")).errors().get(0).code());
        assertEquals(Dates.OUT_OF_RANGE, assertThrows(SotayException.class, () -> Params.date("from", "1899-12-31")).errors().get(0).code());
        assertEquals("not-a-date", assertThrows(SotayException.class, () -> Params.date("at", "2024-02-30")).errors().get(0).code());
        assertEquals("not-a-date", assertThrows(SotayException.class, () -> Params.date("at", "0000-00-00")).errors().get(0).code());
        assertEquals("not-a-date", assertThrows(SotayException.class, () -> Params.date("at", "999999999-12-31")).errors().get(0).code());
    }
}
