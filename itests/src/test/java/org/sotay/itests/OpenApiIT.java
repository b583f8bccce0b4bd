package org.sotay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The API description the running distribution serves, as a client generator reads it: a real
 * OpenAPI parser (swagger-parser, on this test's own classpath, outside OSGi) accepts it without a
 * single message, every {@code $ref} resolves, and every operation says what its success answer
 * carries (a schema, or 204 / 202 without a body).
 */
@RunWith(ClientTest.Runner.class)
@ExamReactorStrategy(PerSuite.class)
public class OpenApiIT extends SotayTestSupport {

    @ClientTest
    public void anOpenApiParserAcceptsTheServedDocument() throws Exception {
        awaitHealthy();
        HttpResponse<String> r = get("/openapi.json");
        assertEquals(200, r.statusCode());
        List<String> messages = OpenApiCheck.parserMessages(r.body());
        assertTrue("swagger-parser says:\n" + String.join("\n", messages), messages.isEmpty());
        JsonNode doc = JSON.readTree(r.body());
        assertEquals("every $ref resolves", List.of(), OpenApiCheck.unresolvedRefs(doc));
        assertEquals("every operation describes its success body", List.of(), OpenApiCheck.operationsWithoutABody(doc));
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            for (Iterator<Map.Entry<String, JsonNode>> ops = paths.next().getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                operations++;
                assertFalse(op.getKey() + ": no \"2XX\" without a schema any more", op.getValue().path("responses").has("2XX"));
            }
        }
        assertTrue(operations + " operations", operations >= 40);
    }

    /** The shapes a client generator needs from the modules, as they are installed in the distribution. */
    @ClientTest
    public void answersCarryTheirRealStatusAndSchema() throws Exception {
        awaitHealthy();
        JsonNode paths = JSON.readTree(get("/openapi.json").body()).path("paths");
        JsonNode imp = paths.path("/v1/members/import").path("post").path("responses");
        assertEquals("#/components/schemas/ImportReport", schemaRef(imp.path("200")));
        assertEquals("#/components/schemas/ImportReport", schemaRef(imp.path("422")));
        assertEquals("#/components/schemas/ImportJob", schemaRef(imp.path("202")));
        JsonNode member = paths.path("/v1/members/{id}").path("get").path("responses");
        assertEquals("#/components/schemas/Member", schemaRef(member.path("200")));
        assertTrue(member.has("304"));
        assertEquals("#/components/schemas/Member", schemaRef(paths.path("/v1/members").path("post").path("responses").path("201")));
        assertEquals("string", paths.path("/v1/org-units/{id}/members/export").path("get").path("responses").path("200").path("content")
                .path("text/csv").path("schema").path("type").asText());
        assertTrue(paths.path("/v1/auth/logout").path("post").path("responses").has("204"));
        assertEquals("#/components/schemas/ClientToken", paths.path("/v1/auth/token").path("post").path("responses").path("200")
                .path("content").path("application/json").path("schema").path("$ref").asText());
        assertEquals("#/components/schemas/Report", schemaRef(paths.path("/v1/health").path("get").path("responses").path("503")));
        assertTrue(paths.path("/openapi.json").path("get").path("responses").has("304"));
    }

    /**
     * The static copy a client generates from ({@code docs/api/openapi.json}) is what the distribution
     * serves with its boot features, so it cannot drift: when a module changes its API, this fails and
     * says how to refresh the copy (then rebuild {@code samples/java-client}).
     */
    @ClientTest
    public void theStaticCopyInTheDocsIsTheServedDocument() throws Exception {
        awaitHealthy();
        String served = get("/openapi.json").body();
        java.nio.file.Path copy = java.nio.file.Path.of(System.getProperty("sotay.docs.dir", "../docs"), "api", "openapi.json");
        java.nio.file.Path fresh = java.nio.file.Path.of("target", "openapi-served.json");
        com.fasterxml.jackson.databind.node.ObjectNode servedDoc = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(served);
        java.nio.file.Files.writeString(fresh, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(servedDoc) + "\n");
        com.fasterxml.jackson.databind.node.ObjectNode copied = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(java.nio.file.Files.readString(copy));
        // the release number is the only thing allowed to differ
        ((com.fasterxml.jackson.databind.node.ObjectNode) servedDoc.path("info")).remove("version");
        ((com.fasterxml.jackson.databind.node.ObjectNode) copied.path("info")).remove("version");
        java.util.Set<String> servedPaths = new java.util.TreeSet<>();
        servedDoc.path("paths").fieldNames().forEachRemaining(servedPaths::add);
        java.util.Set<String> copiedPaths = new java.util.TreeSet<>();
        copied.path("paths").fieldNames().forEachRemaining(copiedPaths::add);
        java.util.List<String> differ = new java.util.ArrayList<>();
        for (String p : servedPaths) {
            if (!servedDoc.path("paths").path(p).equals(copied.path("paths").path(p))) {
                differ.add(p);
            }
        }
        copiedPaths.stream().filter(p -> !servedPaths.contains(p)).forEach(p -> differ.add(p + " (no longer served)"));
        for (java.util.Iterator<String> names = servedDoc.path("components").path("schemas").fieldNames(); names.hasNext();) {
            String n = names.next();
            if (!servedDoc.path("components").path("schemas").path(n).equals(copied.path("components").path("schemas").path(n))) {
                differ.add("schema " + n);
            }
        }
        assertTrue("docs/api/openapi.json differs from the served document at " + differ + " (and perhaps elsewhere): refresh it with "
                + "`cp itests/" + fresh + " docs/api/openapi.json` and rebuild samples/java-client", differ.isEmpty() && servedDoc.equals(copied));
    }

    /**
     * The document is complete enough to generate a working client: the Java client openapi-generator
     * made from the static copy at build time signs in, searches and reads a member, and a read
     * without a token is the 401 it should be.
     */
    @ClientTest
    public void theGeneratedJavaClientSignsInAndReadsAMember() throws Exception {
        awaitHealthy();
        String token = adminToken();
        await("the demo members", 120, () -> get("/v1/members?q=nguyen&limit=1", "Authorization", "Bearer " + token).body().contains("\"cardNumber\""));
        JsonNode first = json(get("/v1/members?q=nguyen&limit=1", "Authorization", "Bearer " + token)).path("items").path(0);
        GeneratedClient.signInSearchAndRead(base(), ADMIN, ADMIN_PASSWORD, "nguyen", first.path("id").asText(), first.path("cardNumber").asText(),
                first.path("fullName").asText());
    }

    /** In the container, as any client: the document carries an ETag and answers 304 when it has not changed. */
    @Test
    public void theDocumentIsRevalidatedWithItsETag() {
        awaitHealthy();
        HttpResponse<String> first = get("/openapi.json");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get("/openapi.json", "If-None-Match", etag).statusCode());
    }

    /**
     * The path rule: the first segment after {@code /v1/} belongs to exactly one module (the
     * operation's tag), so two modules, or two plugins, never share a path.
     */
    @Test
    public void eachFirstPathSegmentBelongsToOneModule() {
        awaitHealthy();
        JsonNode doc = json(get("/openapi.json"));
        Map<String, java.util.Set<String>> owners = new java.util.TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            String[] parts = p.getKey().split("/");
            String segment = parts.length > 2 && "v1".equals(parts[1]) ? parts[2] : p.getKey();
            for (JsonNode op : p.getValue()) {
                for (JsonNode tag : op.path("tags")) {
                    owners.computeIfAbsent(segment, k -> new java.util.TreeSet<>()).add(tag.asText());
                }
            }
        }
        assertTrue(owners.toString(), owners.containsKey("members") && owners.containsKey("sample"));
        owners.forEach((segment, modules) -> assertEquals("/v1/" + segment + " is served by " + modules, 1, modules.size()));
    }

    private static String schemaRef(JsonNode response) {
        return response.path("content").path("application/json").path("schema").path("$ref").asText();
    }
}
