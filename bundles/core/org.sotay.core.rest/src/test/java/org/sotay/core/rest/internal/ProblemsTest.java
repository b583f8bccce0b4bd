package org.sotay.core.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    private static SotayException parse(String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> Json.MAPPER.readValue(json, Draft.class));
        return Problems.classify(new javax.ws.rs.BadRequestException(e));
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
