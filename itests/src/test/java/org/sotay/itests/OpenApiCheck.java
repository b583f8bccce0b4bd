package org.sotay.itests;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * What an OpenAPI client generator would trip over in a document. Uses swagger-parser, which only
 * the test's own classpath has: call it from a {@link ClientTest}, never inside the container.
 */
final class OpenApiCheck {
    private OpenApiCheck() {
    }

    /** Every message of a real OpenAPI parser (swagger-parser) about the document: none means it is valid. */
    static List<String> parserMessages(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(json, null, options);
        List<String> out = new ArrayList<>(parsed.getMessages() == null ? List.of() : parsed.getMessages());
        if (parsed.getOpenAPI() == null) {
            out.add("the parser built no document");
        } else if (parsed.getOpenAPI().getPaths() == null || parsed.getOpenAPI().getPaths().isEmpty()) {
            out.add("the parser found no paths");
        }
        return out;
    }

    /** Every {@code $ref} that does not point into the document. */
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

    /** Operations without a 2xx answer whose every media type has a schema, unless they answer 204, or 202 without a body. */
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
}
