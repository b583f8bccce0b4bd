package org.sotay.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class PageRequestTest {
    @Test
    void defaultsAndCap() {
        PageRequest p = PageRequest.parse(null, " ");
        assertEquals(0, p.offset());
        assertEquals(PageRequest.DEFAULT_LIMIT, p.limit());
        assertEquals(PageRequest.MAX_LIMIT, PageRequest.of(0, PageRequest.MAX_LIMIT).limit());
        SotayException e = assertThrows(SotayException.class, () -> PageRequest.of(-1, PageRequest.MAX_LIMIT + 1));
        assertEquals(List.of("offset", "limit"), e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void wordsAreFieldErrorsNot404() {
        SotayException e = assertThrows(SotayException.class, () -> PageRequest.parse("x", "1e3"));
        assertEquals(ProblemType.VALIDATION, e.type());
        assertEquals(List.of("offset:not-a-number", "limit:not-a-number"),
                e.errors().stream().map(f -> f.field() + ":" + f.code()).toList());
    }

    @Test
    void nextOffsetStopsOnTheLastPage() {
        PageRequest r = PageRequest.of(0, 2);
        assertEquals(2, new Page<>(List.of("a", "b"), 5, r).getNextOffset());
        assertNull(new Page<>(List.of("e"), 5, PageRequest.of(4, 2)).getNextOffset());
        assertNull(new Page<>(List.of(), 0, r).getNextOffset());
    }

    @Test
    void aCursorIsReadByKeyAndNeverWithAnOffset() {
        PageRequest r = PageRequest.parse(null, "20", "czEyMw");
        assertEquals("czEyMw", r.cursor());
        assertEquals(0, r.offset());
        assertEquals(20, r.limit());
        assertNull(PageRequest.parse("0", "20", " ").cursor());
        assertEquals("czEyMw", PageRequest.parse("0", null, "czEyMw").cursor());
        SotayException both = assertThrows(SotayException.class, () -> PageRequest.parse("40", "20", "czEyMw"));
        assertEquals(List.of("cursor:with-offset"), both.errors().stream().map(f -> f.field() + ":" + f.code()).toList());
        SotayException bad = assertThrows(SotayException.class, () -> PageRequest.parse(null, null, "a%27;--"));
        assertEquals(List.of("cursor:invalid"), bad.errors().stream().map(f -> f.field() + ":" + f.code()).toList());
        assertThrows(SotayException.class, () -> PageRequest.after("a".repeat(PageRequest.MAX_CURSOR_LENGTH + 1), null));
    }

    @Test
    void aBoundedTotalStillGivesTheNextOffsetAndTheCursor() {
        PageRequest r = PageRequest.of(0, 2);
        Page<String> p = new Page<>(List.of("a", "b"), 2, false, r, "next");
        assertEquals(2, p.getNextOffset());
        assertEquals("next", p.getNextCursor());
        assertEquals(false, p.isTotalExact());
        assertNull(new Page<>(List.of("a"), 2, false, r, null).getNextOffset());
        assertEquals(true, new Page<>(List.of("a"), 1, r).isTotalExact());
        assertNull(new Page<>(List.of("a"), 1, r).getNextCursor());
    }

    @Test
    void textPicksVietnameseUnlessEnglishIsAsked() {
        Text t = Text.of("Xin chào", "Hello");
        assertEquals("Xin chào", t.in(null));
        assertEquals("Xin chào", t.in(java.util.Locale.FRENCH));
        assertEquals("Hello", t.in(java.util.Locale.UK));
    }
}
