package org.sotay.core.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import javax.ws.rs.NotFoundException;

import org.junit.jupiter.api.Test;
import org.sotay.core.api.Problem;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;

import com.fasterxml.jackson.core.JsonProcessingException;

class ProblemsTest {
    public record Draft(String title, Integer count) {
    }

    public record Dated(LocalDate day, Instant at, Long version, List<Dated> more, Dated inner) {
    }

    private static SotayException parse(String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> Json.MAPPER.readValue(json, Draft.class));
        return Problems.classify(new javax.ws.rs.BadRequestException(e));
    }

    @Test
    void aBodyStoppedAtTheLimitIs413WhateverTheResourceMadeOfIt() {
        SotayException wrapped = new SotayException(ProblemType.MALFORMED_REQUEST, org.sotay.core.api.Text.of("Không đọc được.", "Unreadable."),
                List.of(), new java.io.UncheckedIOException(new PayloadTooLargeException(1000)));
        SotayException seen = Problems.classify(wrapped);
        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, seen.type());
        assertEquals(413, Problems.toProblem(seen, Locale.ENGLISH, null, "r-12345678").getStatus());
    }

    @Test
    void aNulInAnyTextOfABodyIsRefusedWithItsField() {
        SotayException e = parse("{\"title\":\"a\\u0000b\"}");
        assertEquals(ProblemType.VALIDATION, e.type());
        assertEquals("title", e.errors().get(0).field());
    }

    @Test
    void jacksonFailuresNameTheField() {
        SotayException unknown = parse("{\"title\":\"a\",\"role\":\"admin\"}");
        assertEquals(ProblemType.VALIDATION, unknown.type());
        assertEquals("role", unknown.errors().get(0).field());
        assertEquals("unknown-field", unknown.errors().get(0).code());

        SotayException wrongType = parse("{\"count\":\"many\"}");
        assertEquals("count", wrongType.errors().get(0).field());
        assertEquals("invalid-value", wrongType.errors().get(0).code());

        SotayException broken = parse("{\"title\":");
        assertEquals(ProblemType.MALFORMED_REQUEST, broken.type());
    }

    private static SotayException parseDated(String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> Json.MAPPER.readValue(json, Dated.class), json);
        return Problems.classify(new javax.ws.rs.BadRequestException(e));
    }

    private static void refused(SotayException e, String field, String code) {
        assertEquals(ProblemType.VALIDATION, e.type(), String.valueOf(e));
        assertEquals(field, e.errors().get(0).field());
        assertEquals(code, e.errors().get(0).code());
    }

    @Test
    void wholeNumbersTakeNoFractionsAndNoOverflow() {
        refused(parse("{\"count\":1.5}"), "count", "invalid-value");
        refused(parse("{\"count\":1e400}"), "count", "invalid-value");
        refused(parse("{\"count\":99999999999999999999}"), "count", "out-of-range");
        refused(parseDated("{\"version\":1.0}"), "version", "invalid-value");
        refused(parseDated("{\"version\":-99999999999999999999}"), "version", "out-of-range");
        assertEquals(ProblemType.MALFORMED_REQUEST, parse("{\"count\":NaN}").type());
    }

    @Test
    void aKeyGivenTwiceIsRefusedByName() {
        refused(parse("{\"title\":\"a\",\"title\":\"b\"}"), "title", "duplicate-field");
        refused(parseDated("{\"inner\":{\"day\":\"2024-01-01\",\"day\":\"2024-01-02\"}}"), "inner.day", "duplicate-field");
        refused(parseDated("{\"more\":[{},{\"version\":1,\"version\":2}]}"), "more[1].version", "duplicate-field");
    }

    @Test
    void datesOutsideTheApisRangeAreRefusedByName() throws Exception {
        refused(parseDated("{\"day\":\"+999999999-12-31\"}"), "day", "out-of-range");
        refused(parseDated("{\"day\":\"-999999999-01-01\"}"), "day", "out-of-range");
        refused(parseDated("{\"day\":\"1899-12-31\"}"), "day", "out-of-range");
        refused(parseDated("{\"day\":\"2200-01-01\"}"), "day", "out-of-range");
        refused(parseDated("{\"at\":\"+999999999-12-31T23:59:59Z\"}"), "at", "out-of-range");
        refused(parseDated("{\"at\":\"1899-12-31T23:59:59Z\"}"), "at", "out-of-range");
        refused(parseDated("{\"inner\":{\"day\":\"+999999999-12-31\"}}"), "inner.day", "out-of-range");
        refused(parseDated("{\"more\":[{\"day\":\"0001-01-01\"}]}"), "more[0].day", "out-of-range");
        // days that do not exist are not dates at all
        refused(parseDated("{\"day\":\"2024-02-30\"}"), "day", "invalid-value");
        refused(parseDated("{\"day\":\"0000-00-00\"}"), "day", "invalid-value");
        refused(parseDated("{\"day\":\"999999999-12-31\"}"), "day", "invalid-value");
        // the bounds themselves are taken
        Dated ok = Json.MAPPER.readValue("{\"day\":\"1900-01-01\",\"at\":\"2199-12-31T23:59:59.999Z\",\"inner\":{\"day\":\"2199-12-31\"}}",
                Dated.class);
        assertEquals(LocalDate.of(1900, 1, 1), ok.day());
        assertEquals(LocalDate.of(2199, 12, 31), ok.inner().day());
    }

    @Test
    void aMalformedPercentEscapeInTheAddressIsTheClients() {
        for (String bad : new String[] { "%zz", "%", "a%e" }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> org.apache.cxf.common.util.UrlUtils.urlDecode(bad));
            assertEquals(ProblemType.MALFORMED_REQUEST, Problems.classify(e).type(), bad);
        }
        assertNull(Problems.classify(new IllegalArgumentException("a bug of ours")), "any other IllegalArgumentException is ours: 500");
    }

    @Test
    void unknownFailuresAreInternalAndTellNothing() {
        assertNull(Problems.classify(new IllegalStateException("db password is hunter2")));
        Problem p = Problems.internal(Locale.ENGLISH, "/api/x", "req-1");
        assertEquals(500, p.getStatus());
        assertEquals("urn:sotay:problem:internal", p.getType());
        assertEquals(-1, p.getDetail().indexOf("hunter2"));
    }

    @Test
    void routingMissIsNotFoundButABadParameterIsTheClients() {
        assertEquals(ProblemType.NOT_FOUND, Problems.classify(new NotFoundException()).type());
        assertEquals(ProblemType.MALFORMED_REQUEST, Problems.classify(new NotFoundException(new NumberFormatException())).type());
    }

    @Test
    void problemsSpeakTheCallersLanguage() {
        SotayException e = SotayException.staleVersion();
        assertEquals("Dữ liệu đã bị người khác thay đổi", Problems.toProblem(e, Languages.VI, null, "r").getTitle());
        assertEquals("The data was changed by someone else", Problems.toProblem(e, Locale.ENGLISH, null, "r").getTitle());
    }
}
