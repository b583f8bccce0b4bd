package org.sotay.core.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;
import org.sotay.core.api.Page;
import org.sotay.core.api.security.PublicEndpoint;
import org.sotay.core.api.security.RequiresPermission;

import com.fasterxml.jackson.databind.JsonNode;

class OpenApiBuilderTest {
    public record Member(String id, String fullName, LocalDate dateOfBirth, List<String> phones) {
    }

    @Path("v1/members")
    public static class MemberResource {
        @GET
        @RequiresPermission("registry.member.read")
        public Page<Member> list(@QueryParam("q") String q, @QueryParam("limit") Integer limit) {
            return null;
        }

        @GET
        @Path("{id: [0-9a-f-]+}")
        @PublicEndpoint
        public Member get(@PathParam("id") String id) {
            return null;
        }

        @POST
        public void create(Member m) {
        }
    }

    @Test
    void describesPathsParametersBodiesAndSecurity() {
        JsonNode doc = OpenApiBuilder.build("1.0", List.of(new OpenApiBuilder.Resource(MemberResource.class, "registry")));
        JsonNode list = doc.path("paths").path("/v1/members").path("get");
        assertEquals("registry.member.read", list.path("x-sotay-permission").asText());
        assertEquals(1, list.path("security").size());
        assertEquals("q", list.path("parameters").get(0).path("name").asText());
        assertEquals("integer", list.path("parameters").get(1).path("schema").path("type").asText());
        JsonNode items = list.path("responses").path("200").path("content").path("application/json").path("schema")
                .path("properties").path("items");
        assertEquals("#/components/schemas/Member", items.path("items").path("$ref").asText());

        JsonNode get = doc.path("paths").path("/v1/members/{id}").path("get");
        assertEquals(0, get.path("security").size(), "public endpoints carry an empty security list");
        assertEquals("path", get.path("parameters").get(0).path("in").asText());

        JsonNode member = doc.path("components").path("schemas").path("Member").path("properties");
        assertEquals("date", member.path("dateOfBirth").path("format").asText());
        assertEquals("array", member.path("phones").path("type").asText());
        assertTrue(doc.path("paths").path("/v1/members").path("post").path("responses").has("204"));
        assertTrue(doc.path("paths").path("/v1/members").path("post").has("requestBody"));
    }

    @Test
    void normalisesTemplatesAndSlashes() {
        assertEquals("/v1/a/{id}", OpenApiBuilder.normalise("v1//a/{ id : \\d+ }/"));
        assertEquals("/", OpenApiBuilder.normalise(""));
        assertFalse(OpenApiBuilder.normalise("/x/").endsWith("/"));
    }
}
