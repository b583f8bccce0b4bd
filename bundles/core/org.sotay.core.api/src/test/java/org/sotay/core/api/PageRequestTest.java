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
    void textPicksVietnameseUnlessEnglishIsAsked() {
        Text t = Text.of("Xin chào", "Hello");
        assertEquals("Xin chào", t.in(null));
        assertEquals("Xin chào", t.in(java.util.Locale.FRENCH));
        assertEquals("Hello", t.in(java.util.Locale.UK));
    }
}
