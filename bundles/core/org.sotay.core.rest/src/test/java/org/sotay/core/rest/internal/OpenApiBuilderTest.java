package org.sotay.core.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.FormParam;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;
import org.sotay.core.api.Page;
import org.sotay.core.api.Required;
import org.sotay.core.api.Returns;
import org.sotay.core.api.security.PublicEndpoint;
import org.sotay.core.api.security.RequiresPermission;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

class OpenApiBuilderTest {
    public enum Status {
        OFFICIAL, LEFT
    }

    public record Member(@Required String id, String fullName, LocalDate dateOfBirth, List<String> phones, Status status, long version,
            boolean active, Instant createdAt) {
    }

    public record MemberDraft(@Required String fullName, LocalDate dateOfBirth, Status status, Long version, Address address) {
    }

    public record Address(String line, String cellId) {
    }

    public record ImportJob(@Required String id, int percent, ImportReport report) {
    }

    public record ImportReport(boolean applied, int rows, List<Error> errors) {
        public record Error(int row, String field) {
        }
    }

    /** Used both as an answer and as a request body: two schemas. */
    public record Both(String name, int count) {
    }

    @Path("v1/members")
    @Produces("application/json")
    public static class MemberResource {
        @GET
        @RequiresPermission("registry.member.read")
        public Page<Member> list(@QueryParam("q") String q, @QueryParam("limit") Integer limit) {
            return null;
        }

        @GET
        @Path("{id: [0-9a-f-]+}")
        @PublicEndpoint
        @Returns(Member.class)
        @Returns(status = 304)
        public Response get(@PathParam("id") String id, @Context Request request) {
            return null;
        }

        @POST
        @Consumes("application/json")
        @Returns(value = Member.class, status = 201)
        public Response create(MemberDraft m, @Context UriInfo uri) {
            return null;
        }

        @POST
        @Path("{id}/forget")
        public void forget(@PathParam("id") String id) {
        }

        @POST
        @Path("import")
        @Consumes({ "text/csv", "text/plain" })
        @Returns(value = ImportReport.class, description = "Applied")
        @Returns(value = ImportReport.class, status = 422, description = "Refused")
        @Returns(value = ImportJob.class, status = 202)
        public Response importCsv(InputStream csv, @QueryParam("async") String async) {
            return null;
        }

        @GET
        @Path("export")
        @Produces("text/csv")
        @Returns(value = String.class, mediaType = "text/csv")
        public Response export() {
            return null;
        }

        @GET
        @Path("{id}/cell")
        public Map<String, Object> cell(@PathParam("id") String id) {
            return null;
        }

        @POST
        @Path("both")
        @Consumes("application/json")
        public Both both(Both body) {
            return body;
        }

        @POST
        @Path("token")
        @Consumes("application/x-www-form-urlencoded")
        @PublicEndpoint
        @Returns(Map.class)
        public Response token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId) {
            return null;
        }
    }

    private static JsonNode document() {
        return OpenApiBuilder.build("1.0", List.of(new OpenApiBuilder.Resource(MemberResource.class, "registry"),
                new OpenApiBuilder.Resource(HealthResource.class, "core"), new OpenApiBuilder.Resource(AuditResource.class, "core"),
                new OpenApiBuilder.Resource(OpenApiResource.class, "core")));
    }

    @Test
    void describesPathsParametersBodiesAndSecurity() {
        JsonNode doc = document();
        JsonNode list = doc.path("paths").path("/v1/members").path("get");
        assertEquals("registry.member.read", list.path("x-sotay-permission").asText());
        assertEquals(1, list.path("security").size());
        assertEquals("q", list.path("parameters").get(0).path("name").asText());
        assertEquals("integer", list.path("parameters").get(1).path("schema").path("type").asText());
        JsonNode page = list.path("responses").path("200").path("content").path("application/json").path("schema");
        assertEquals("#/components/schemas/Member", page.path("properties").path("items").path("items").path("$ref").asText());
        assertEquals("[\"items\",\"total\",\"totalExact\",\"offset\",\"limit\"]", page.path("required").toString());
        assertFalse(page.path("properties").path("nextOffset").has("nullable"), "absent on the last page, never null");
        assertEquals("boolean", page.path("properties").path("totalExact").path("type").asText());
        assertEquals("string", page.path("properties").path("nextCursor").path("type").asText());

        JsonNode get = doc.path("paths").path("/v1/members/{id}").path("get");
        assertEquals(0, get.path("security").size(), "public endpoints carry an empty security list");
        assertEquals("path", get.path("parameters").get(0).path("in").asText());
        assertEquals("uuid", get.path("parameters").get(0).path("schema").path("format").asText());

        JsonNode member = doc.path("components").path("schemas").path("Member").path("properties");
        assertEquals("date", member.path("dateOfBirth").path("format").asText());
        assertEquals("date-time", member.path("createdAt").path("format").asText());
        assertEquals("int64", member.path("version").path("format").asText());
        assertEquals("uuid", member.path("id").path("format").asText());
        assertEquals("array", member.path("phones").path("type").asText());
        assertEquals("[\"OFFICIAL\",\"LEFT\"]", member.path("status").path("enum").toString());
        assertTrue(doc.path("paths").path("/v1/members/{id}/forget").path("post").path("responses").has("204"));
        assertTrue(doc.path("paths").path("/v1/members").path("post").has("requestBody"));
    }

    @Test
    void responsesCarryTheirRealStatusAndSchema() {
        JsonNode paths = document().path("paths");
        JsonNode get = paths.path("/v1/members/{id}").path("get").path("responses");
        assertEquals("#/components/schemas/Member", get.path("200").path("content").path("application/json").path("schema").path("$ref").asText());
        assertTrue(get.path("200").path("headers").has("ETag"), "a 304 means an ETag is sent");
        assertFalse(get.path("304").has("content"));
        assertTrue(paths.path("/v1/members/{id}").path("get").path("parameters").toString().contains("If-None-Match"));
        assertFalse(get.has("2XX"));
        assertEquals("#/components/responses/Problem", get.path("4XX").path("$ref").asText());
        assertEquals("#/components/responses/Problem", get.path("5XX").path("$ref").asText());

        JsonNode create = paths.path("/v1/members").path("post").path("responses");
        assertEquals("#/components/schemas/Member", create.path("201").path("content").path("application/json").path("schema").path("$ref").asText());
        assertFalse(create.has("200"));

        JsonNode imp = paths.path("/v1/members/import").path("post");
        assertEquals("#/components/schemas/ImportReport", imp.path("responses").path("200").path("content").path("application/json").path("schema").path("$ref").asText());
        assertEquals("#/components/schemas/ImportReport", imp.path("responses").path("422").path("content").path("application/json").path("schema").path("$ref").asText());
        assertEquals("#/components/schemas/ImportJob", imp.path("responses").path("202").path("content").path("application/json").path("schema").path("$ref").asText());
        assertEquals("binary", imp.path("requestBody").path("content").path("text/csv").path("schema").path("format").asText());

        JsonNode csv = paths.path("/v1/members/export").path("get").path("responses").path("200").path("content");
        assertEquals("string", csv.path("text/csv").path("schema").path("type").asText());
        assertFalse(csv.has("application/json"));

        JsonNode cell = paths.path("/v1/members/{id}/cell").path("get").path("responses").path("200").path("content").path("application/json").path("schema");
        assertEquals("object", cell.path("type").asText());
        assertTrue(cell.path("additionalProperties").asBoolean(), "Map<String, Object> is a free-form object");

        JsonNode token = paths.path("/v1/members/token").path("post").path("requestBody").path("content").path("application/x-www-form-urlencoded")
                .path("schema").path("properties");
        assertEquals("string", token.path("grant_type").path("type").asText());
        assertEquals("string", token.path("client_id").path("type").asText(), "client_id is an account name, not a UUID");
        assertFalse(token.path("client_id").has("format"));

        JsonNode health = paths.path("/v1/health").path("get").path("responses");
        assertEquals("#/components/schemas/Report", health.path("200").path("content").path("application/json").path("schema").path("$ref").asText());
        assertEquals("#/components/schemas/Report", health.path("503").path("content").path("application/json").path("schema").path("$ref").asText());
    }

    @Test
    void requiredAndNullableFollowTheJsonTheServerWritesAndReads() {
        JsonNode schemas = document().path("components").path("schemas");
        // an answer: primitives and @Required are always there; the rest may be absent, and is never null
        JsonNode member = schemas.path("Member");
        assertEquals("[\"id\",\"version\",\"active\"]", member.path("required").toString());
        assertFalse(member.toString().contains("nullable"));
        assertFalse(member.has("additionalProperties"), "a client tolerates fields added later");
        // a request: only @Required is required; the rest may be sent as null (the same as absent); unknown fields are refused
        JsonNode draft = schemas.path("MemberDraft");
        assertEquals("[\"fullName\"]", draft.path("required").toString());
        assertFalse(draft.path("properties").path("fullName").has("nullable"));
        assertTrue(draft.path("properties").path("dateOfBirth").path("nullable").asBoolean());
        assertTrue(draft.path("properties").path("version").path("nullable").asBoolean());
        assertTrue(draft.path("properties").path("status").path("enum").toString().contains("null"), "a nullable enum lists null");
        assertEquals("#/components/schemas/Address", draft.path("properties").path("address").path("allOf").get(0).path("$ref").asText());
        assertTrue(draft.path("properties").path("address").path("nullable").asBoolean());
        assertFalse(draft.path("additionalProperties").asBoolean(true));
        assertEquals("uuid", schemas.path("Address").path("properties").path("cellId").path("format").asText());
        // nested records of an answer
        assertEquals("[\"applied\",\"rows\"]", schemas.path("ImportReport").path("required").toString());
        assertEquals("[\"row\"]", schemas.path("Error").path("required").toString());
        // one type both ways: the answer keeps the name, the request is <Name>Input
        assertEquals("[\"count\"]", schemas.path("Both").path("required").toString());
        assertFalse(schemas.path("BothInput").has("required"));
        assertTrue(schemas.path("BothInput").path("properties").path("name").path("nullable").asBoolean());
        // the problem's own schema
        assertEquals("[\"type\",\"title\",\"status\"]", schemas.path("Problem").path("required").toString());
    }

    @Test
    void anOpenApiParserAcceptsTheDocument() throws Exception {
        JsonNode doc = document();
        String json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(json, null, null);
        assertEquals(List.of(), parsed.getMessages() == null ? List.of() : parsed.getMessages(), json);
        assertEquals("3.0.3", parsed.getOpenAPI().getOpenapi());
        assertEquals(List.of(), unresolvedRefs(doc));
        assertEquals(List.of(), operationsWithoutABody(doc));
    }

    @Test
    void theChecksFindWhatIsWrong() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode) document();
        com.fasterxml.jackson.databind.node.ObjectNode get = (com.fasterxml.jackson.databind.node.ObjectNode) doc.path("paths").path("/v1/members/{id}").path("get");
        ((com.fasterxml.jackson.databind.node.ObjectNode) get.path("responses")).remove("200");
        ((com.fasterxml.jackson.databind.node.ObjectNode) get.path("responses").path("4XX")).put("$ref", "#/components/responses/Nope");
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.path("components").path("schemas").path("Member")).put("nullabel", true);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(Json.MAPPER.writeValueAsString(doc), null, null);
        assertFalse(parsed.getMessages().isEmpty(), "the parser reports an unknown attribute");
        assertEquals(List.of("/paths//v1/members/{id}/get/responses/4XX: #/components/responses/Nope"), unresolvedRefs(doc));
        assertEquals(List.of("GET /v1/members/{id}"), operationsWithoutABody(doc));
    }

    /** Every {@code $ref} of the document, that does not point into it. */
    static List<String> unresolvedRefs(JsonNode doc) {
        List<String> out = new ArrayList<>();
        refs(doc, doc, "", out);
        return out;
    }

    private static void refs(JsonNode doc, JsonNode node, String where, List<String> out) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && (!ref.asText().startsWith("#/") || doc.at(ref.asText().substring(1)).isMissingNode())) {
                out.add(where + ": " + ref.asText());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                refs(doc, e.getValue(), where + "/" + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refs(doc, node.get(i), where + "/" + i, out);
            }
        }
    }

    /** Operations with no 2xx answer that has a schema, unless they answer 204 or 202 without a body. */
    static List<String> operationsWithoutABody(JsonNode doc) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                boolean ok = false;
                for (Iterator<Map.Entry<String, JsonNode>> rs = op.getValue().path("responses").fields(); rs.hasNext();) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    if (!r.getKey().matches("2\\d\\d")) {
                        continue;
                    }
                    boolean bodiless = (r.getKey().equals("204") || r.getKey().equals("202")) && !r.getValue().has("content");
                    boolean schemas = r.getValue().path("content").size() > 0;
                    for (JsonNode media : r.getValue().path("content")) {
                        schemas &= media.has("schema");
                    }
                    ok |= bodiless || schemas;
                }
                if (!ok) {
                    out.add(op.getKey().toUpperCase() + " " + p.getKey());
                }
            }
        }
        return out;
    }

    @Test
    void normalisesTemplatesAndSlashes() {
        assertEquals("/v1/a/{id}", OpenApiBuilder.normalise("v1//a/{ id : \\d+ }/"));
        assertEquals("/", OpenApiBuilder.normalise(""));
        assertFalse(OpenApiBuilder.normalise("/x/").endsWith("/"));
    }
}
