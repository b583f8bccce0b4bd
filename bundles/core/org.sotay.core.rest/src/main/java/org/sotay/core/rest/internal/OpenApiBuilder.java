package org.sotay.core.rest.internal;

import java.io.InputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import javax.ws.rs.BeanParam;
import javax.ws.rs.Consumes;
import javax.ws.rs.CookieParam;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.FormParam;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.MatrixParam;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

import org.sotay.core.api.Api;
import org.sotay.core.api.Page;
import org.sotay.core.api.Required;
import org.sotay.core.api.Returns;
import org.sotay.core.api.security.PublicEndpoint;
import org.sotay.core.api.security.RequiresPermission;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds an OpenAPI 3.0 document from the JAX-RS annotations of the resources that are
 * registered right now, with JSON schemas from the same Jackson configuration that serves the
 * bodies. {@link PublicEndpoint} and {@link RequiresPermission} become the security of each
 * operation. The success answers come from the method's return type (200 with that type,
 * {@code void} 204) or, for a method that returns a JAX-RS {@code Response}, from its
 * {@link Returns} annotations; a declared 304 adds {@code ETag} and {@code If-None-Match}.
 *
 * <p>Schemas follow the JSON the platform really writes and reads:
 * <ul>
 * <li>in an <b>answer</b>, a property is {@code required} when it is a primitive (always written) or
 * marked {@link Required}; any other may be absent, and is never {@code null} (null fields are left
 * out), so nothing in an answer is {@code nullable};</li>
 * <li>in a <b>request body</b>, a property is {@code required} only when marked {@link Required}
 * (the service checks the rules of each operation, such as {@code version} to edit, and names every
 * missing field in one 400); any other may be left out or sent as {@code null}, which means the same,
 * so it is {@code nullable}; unknown properties are refused ({@code additionalProperties: false});</li>
 * <li>a string named {@code id} or {@code <thing>Id} (and the items of {@code <thing>Ids}) is a
 * platform id, a random UUID ({@code format: uuid}); {@code requestId}, {@code installationId} and
 * {@code targetId} are not: they are chosen by the client or by another module;</li>
 * <li>{@code Map<String, Object>} is a free-form object; a type used both in answers and in request
 * bodies gets a second schema {@code <Name>Input} for the requests.</li>
 * </ul>
 */
final class OpenApiBuilder {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** A resource class and the module it comes from (the tag). */
    record Resource(Class<?> type, String module) {
    }

    /** Strings named like ids that are not platform UUIDs. */
    private static final Set<String> NOT_UUIDS = Set.of("requestId", "installationId", "targetId");

    /** Where a schema is used: what is required and what may be null differs (see the class comment). */
    private enum Mode {
        REQUEST, RESPONSE
    }

    private final ObjectNode schemas = F.objectNode();
    /** Component name of each type per mode, and the type behind each name (names are unique). */
    private final Map<Mode, Map<Class<?>, String>> names = Map.of(Mode.REQUEST, new HashMap<>(), Mode.RESPONSE, new HashMap<>());
    private final Map<String, Class<?>> taken = new HashMap<>();
    /** The types that answers use; set by a first pass, so a request schema of one of them is named {@code <Name>Input}. */
    private final Set<Class<?>> answerTypes;

    private OpenApiBuilder(Set<Class<?>> answerTypes) {
        this.answerTypes = answerTypes;
    }

    static ObjectNode build(String version, Collection<Resource> resources) {
        OpenApiBuilder first = new OpenApiBuilder(Set.of());
        first.document(version, resources);
        return new OpenApiBuilder(Set.copyOf(first.names.get(Mode.RESPONSE).keySet())).document(version, resources);
    }

    private ObjectNode document(String version, Collection<Resource> resources) {
        ObjectNode doc = F.objectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Sotay API");
        info.put("version", version);
        info.put("description", "Sổ tay đảng viên điện tử: REST API of the installed modules. "
                + "Errors are application/problem+json (RFC 9457). Send Accept-Language: vi or en.");
        doc.putArray("servers").addObject().put("url", "/" + Api.BASE_PATH);

        TreeMap<String, ObjectNode> paths = new TreeMap<>();
        List<Resource> sorted = new ArrayList<>(resources);
        sorted.sort(Comparator.comparing(r -> r.type().getName()));
        for (Resource r : sorted) {
            addResource(r, paths);
        }
        ObjectNode p = doc.putObject("paths");
        paths.forEach(p::set);

        ObjectNode components = doc.putObject("components");
        ObjectNode security = components.putObject("securitySchemes").putObject("bearer");
        security.put("type", "http");
        security.put("scheme", "bearer");
        security.put("bearerFormat", "JWT");
        ObjectNode responses = components.putObject("responses");
        ObjectNode problem = responses.putObject("Problem");
        problem.put("description", "An error, as RFC 9457 problem details");
        problem.putObject("content").putObject(Api.PROBLEM_JSON).set("schema", ref("Problem"));
        schemas.set("Problem", problemSchema());
        taken.put("Problem", org.sotay.core.api.Problem.class);
        TreeMap<String, JsonNode> sortedSchemas = new TreeMap<>();
        schemas.fields().forEachRemaining(e -> sortedSchemas.put(e.getKey(), e.getValue()));
        ObjectNode s = components.putObject("schemas");
        sortedSchemas.forEach(s::set);
        return doc;
    }

    private void addResource(Resource r, Map<String, ObjectNode> paths) {
        Class<?> type = r.type();
        String base = pathOf(type.getAnnotation(Path.class));
        Method[] methods = type.getMethods();
        java.util.Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(m -> m.getParameterCount()));
        for (Method m : methods) {
            String http = httpMethod(m);
            if (http == null || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String path = normalise(base + "/" + pathOf(m.getAnnotation(Path.class)));
            ObjectNode item = paths.computeIfAbsent(path, k -> F.objectNode());
            item.set(http.toLowerCase(java.util.Locale.ROOT), operation(r, m));
        }
    }

    private ObjectNode operation(Resource r, Method m) {
        ObjectNode op = F.objectNode();
        op.putArray("tags").add(r.module());
        op.put("operationId", r.type().getSimpleName() + "." + m.getName());
        boolean isPublic = AuthFilter.annotation(m, r.type(), PublicEndpoint.class) != null;
        RequiresPermission permission = AuthFilter.annotation(m, r.type(), RequiresPermission.class);
        if (!isPublic) {
            op.putArray("security").addObject().putArray("bearer");
        } else {
            op.putArray("security");
        }
        if (permission != null) {
            op.put("x-sotay-permission", permission.value());
        }
        Returns[] declared = m.getAnnotationsByType(Returns.class);
        boolean etag = false;
        for (Returns d : declared) {
            etag |= d.status() == 304;
        }

        ArrayNode params = F.arrayNode();
        ObjectNode form = null;
        Type[] generic = m.getGenericParameterTypes();
        Annotation[][] annotations = m.getParameterAnnotations();
        for (int i = 0; i < generic.length; i++) {
            ObjectNode param = null;
            boolean entity = true;
            String defaultValue = null;
            String formName = null;
            for (Annotation a : annotations[i]) {
                if (a instanceof PathParam pp) {
                    param = param("path", pp.value(), true);
                } else if (a instanceof QueryParam qp) {
                    param = param("query", qp.value(), false);
                } else if (a instanceof HeaderParam hp) {
                    param = param("header", hp.value(), false);
                } else if (a instanceof FormParam fp) {
                    formName = fp.value();
                } else if (a instanceof DefaultValue dv) {
                    defaultValue = dv.value();
                }
                if (a instanceof Context || a instanceof BeanParam || a instanceof CookieParam || a instanceof MatrixParam
                        || a instanceof FormParam || a instanceof PathParam || a instanceof QueryParam
                        || a instanceof HeaderParam) {
                    entity = false;
                }
            }
            if (param != null) {
                ObjectNode schema = schema(Json.MAPPER.constructType(generic[i]), Mode.REQUEST);
                if (defaultValue != null) {
                    schema.put("default", defaultValue);
                }
                id(param.path("name").asText(), schema);
                param.set("schema", schema);
                params.add(param);
            } else if (formName != null) {
                if (form == null) {
                    form = F.objectNode().put("type", "object");
                    form.putObject("properties");
                }
                ((ObjectNode) form.get("properties")).set(formName, schema(Json.MAPPER.constructType(generic[i]), Mode.REQUEST));
            } else if (entity) {
                ObjectNode body = op.putObject("requestBody");
                body.put("required", true);
                ObjectNode content = body.putObject("content");
                for (String mt : mediaTypes(m.getAnnotation(Consumes.class), r.type().getAnnotation(Consumes.class))) {
                    content.putObject(mt).set("schema", schema(Json.MAPPER.constructType(generic[i]), Mode.REQUEST));
                }
            }
        }
        if (etag) {
            ObjectNode p = param("header", "If-None-Match", false);
            p.put("description", "The ETag of the copy you hold: 304 when it is still current");
            p.putObject("schema").put("type", "string");
            params.add(p);
        }
        if (!params.isEmpty()) {
            op.set("parameters", params);
        }
        if (form != null) {
            ObjectNode body = op.putObject("requestBody");
            body.put("required", true);
            ObjectNode content = body.putObject("content");
            for (String mt : mediaTypes(m.getAnnotation(Consumes.class), r.type().getAnnotation(Consumes.class))) {
                content.putObject(mt).set("schema", form);
            }
        }

        ObjectNode responses = op.putObject("responses");
        List<String> produces = mediaTypes(m.getAnnotation(Produces.class), r.type().getAnnotation(Produces.class));
        TreeMap<Integer, ObjectNode> answers = new TreeMap<>();
        if (declared.length > 0) {
            for (Returns d : declared) {
                ObjectNode answer = answers.computeIfAbsent(d.status(), s -> F.objectNode());
                answer.put("description", d.description().isEmpty() ? reason(d.status()) : d.description());
                if (d.value() != Void.class && d.value() != void.class) {
                    ObjectNode content = answer.has("content") ? (ObjectNode) answer.get("content") : answer.putObject("content");
                    for (String mt : d.mediaType().isEmpty() ? produces : List.of(d.mediaType())) {
                        content.putObject(mt).set("schema", schema(Json.MAPPER.constructType(d.value()), Mode.RESPONSE));
                    }
                }
            }
        } else if (m.getReturnType() == void.class) {
            answers.put(204, F.objectNode().put("description", reason(204)));
        } else if (javax.ws.rs.core.Response.class.isAssignableFrom(m.getReturnType())) {
            // undeclared: the description cannot tell the body (the OpenAPI tests refuse this)
            answers.put(200, F.objectNode().put("description", "Success (the body is not described: add @Returns)"));
        } else {
            ObjectNode ok = F.objectNode().put("description", reason(200));
            ObjectNode content = ok.putObject("content");
            for (String mt : produces) {
                content.putObject(mt).set("schema", schema(Json.MAPPER.constructType(m.getGenericReturnType()), Mode.RESPONSE));
            }
            answers.put(200, ok);
        }
        for (Map.Entry<Integer, ObjectNode> e : answers.entrySet()) {
            ObjectNode answer = e.getValue();
            if (etag && e.getKey() / 100 == 2 && answer.has("content")) {
                ObjectNode h = answer.putObject("headers").putObject("ETag");
                h.put("description", "The version of this answer, for If-None-Match");
                h.putObject("schema").put("type", "string");
            }
            responses.set(Integer.toString(e.getKey()), answer);
        }
        responses.set("4XX", ref("#/components/responses/Problem", true));
        responses.set("5XX", ref("#/components/responses/Problem", true));
        return op;
    }

    private static String reason(int status) {
        return switch (status) {
        case 200 -> "OK";
        case 201 -> "Created";
        case 202 -> "Accepted: under way";
        case 204 -> "Done, no content";
        case 304 -> "Not modified: the copy named by If-None-Match is current";
        case 422 -> "Unprocessable";
        case 503 -> "Unavailable";
        default -> "HTTP " + status;
        };
    }

    /** Platform ids are UUIDs: a string named {@code id} or {@code <thing>Id}, the items of {@code <thing>Ids}. */
    private static void id(String name, ObjectNode schema) {
        if (NOT_UUIDS.contains(name)) {
            return;
        }
        if ((name.equals("id") || name.endsWith("Id")) && "string".equals(schema.path("type").asText()) && !schema.has("format")) {
            schema.put("format", "uuid");
        } else if (name.endsWith("Ids") && schema.path("items").isObject()) {
            id("id", (ObjectNode) schema.get("items"));
        }
    }

    private static ObjectNode param(String in, String name, boolean required) {
        ObjectNode p = F.objectNode();
        p.put("name", name);
        p.put("in", in);
        p.put("required", required);
        return p;
    }

    private static List<String> mediaTypes(Consumes method, Consumes type) {
        Consumes c = method != null ? method : type;
        return c == null ? List.of(MediaType.APPLICATION_JSON) : List.of(c.value());
    }

    private static List<String> mediaTypes(Produces method, Produces type) {
        Produces p = method != null ? method : type;
        return p == null ? List.of(MediaType.APPLICATION_JSON) : List.of(p.value());
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    private static String pathOf(Path p) {
        return p == null ? "" : p.value();
    }

    /** Joins segments, drops regular expressions from templates ({@code {id: [0-9]+}} becomes {@code {id}}). */
    static String normalise(String path) {
        String p = path.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private ObjectNode schema(JavaType t, Mode mode) {
        Class<?> raw = t.getRawClass();
        ObjectNode s = F.objectNode();
        if (raw == String.class || raw == char.class || raw == Character.class) {
            s.put("type", "string");
        } else if (raw == UUID.class) {
            s.put("type", "string").put("format", "uuid");
        } else if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class || raw == byte.class
                || raw == Byte.class) {
            s.put("type", "integer").put("format", "int32");
        } else if (raw == long.class || raw == Long.class || raw == BigInteger.class) {
            s.put("type", "integer").put("format", "int64");
        } else if (raw == double.class || raw == Double.class) {
            s.put("type", "number").put("format", "double");
        } else if (raw == float.class || raw == Float.class) {
            s.put("type", "number").put("format", "float");
        } else if (raw == BigDecimal.class) {
            s.put("type", "number");
        } else if (raw == boolean.class || raw == Boolean.class) {
            s.put("type", "boolean");
        } else if (raw == LocalDate.class) {
            s.put("type", "string").put("format", "date");
        } else if (raw == Instant.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class
                || raw == LocalDateTime.class) {
            s.put("type", "string").put("format", "date-time");
        } else if (raw == LocalTime.class) {
            s.put("type", "string").put("format", "time");
        } else if (raw == byte[].class) {
            s.put("type", "string").put("format", "byte");
        } else if (InputStream.class.isAssignableFrom(raw) || Reader.class.isAssignableFrom(raw)) {
            s.put("type", "string").put("format", "binary");
        } else if (raw.isEnum()) {
            s.put("type", "string");
            ArrayNode values = s.putArray("enum");
            for (Object c : raw.getEnumConstants()) {
                values.add(((Enum<?>) c).name());
            }
        } else if (t.isArrayType() || t.isCollectionLikeType()) {
            s.put("type", "array");
            s.set("items", schema(t.getContentType(), mode));
        } else if (t.isMapLikeType()) {
            s.put("type", "object");
            JavaType content = t.getContentType();
            if (content == null || content.getRawClass() == Object.class) {
                s.put("additionalProperties", true); // free-form
            } else {
                s.set("additionalProperties", schema(content, mode));
            }
        } else if (raw == Optional.class) {
            return schema(t.containedTypeOrUnknown(0), mode);
        } else if (raw == Page.class) {
            s.put("type", "object");
            s.putArray("required").add("items").add("total").add("totalExact").add("offset").add("limit");
            ObjectNode props = s.putObject("properties");
            ObjectNode items = props.putObject("items");
            items.put("type", "array");
            items.set("items", schema(t.containedTypeOrUnknown(0), mode));
            props.putObject("total").put("type", "integer").put("format", "int64");
            props.putObject("offset").put("type", "integer").put("format", "int32");
            props.putObject("limit").put("type", "integer").put("format", "int32");
            props.putObject("nextOffset").put("type", "integer").put("format", "int32")
                    .put("description", "The offset of the next page; absent on the last page");
            props.putObject("totalExact").put("type", "boolean")
                    .put("description", "false when total is a lower bound: the list was counted only that far");
            props.putObject("nextCursor").put("type", "string")
                    .put("description", "The cursor of the next page (send it as cursor, without offset); absent on the last page and on lists without cursors");
        } else if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            // free-form: any JSON value
        } else if (raw.getName().startsWith("javax.ws.rs.") || raw.isInterface()) {
            s.put("type", "object").put("additionalProperties", true);
        } else {
            Map<Class<?>, String> byType = names.get(mode);
            String name = byType.get(raw);
            if (name == null) {
                name = uniqueName(raw, mode);
                byType.put(raw, name);
                schemas.putObject(name); // placeholder first: recursive types end here
                schemas.set(name, bean(t, mode));
            }
            return ref(name);
        }
        return s;
    }

    /** The simple name, {@code <Name>Input} for the request variant of an answer's type, qualified by the enclosing type on a clash. */
    private String uniqueName(Class<?> raw, Mode mode) {
        String suffix = mode == Mode.REQUEST && answerTypes.contains(raw) ? "Input" : "";
        String name = raw.getSimpleName() + suffix;
        if (taken.containsKey(name) && raw.getEnclosingClass() != null) {
            name = raw.getEnclosingClass().getSimpleName() + raw.getSimpleName() + suffix;
        }
        String base = name;
        for (int i = 2; taken.containsKey(name); i++) {
            name = base + i;
        }
        taken.put(name, raw);
        return name;
    }

    private ObjectNode bean(JavaType t, Mode mode) {
        ObjectNode s = F.objectNode();
        s.put("type", "object");
        ArrayNode required = F.arrayNode();
        ObjectNode props = F.objectNode();
        BeanDescription d = mode == Mode.RESPONSE ? Json.MAPPER.getSerializationConfig().introspect(t)
                : Json.MAPPER.getDeserializationConfig().introspect(t);
        for (BeanPropertyDefinition p : new ArrayList<>(d.findProperties())) {
            if (mode == Mode.RESPONSE ? !p.couldSerialize() : !p.couldDeserialize()) {
                continue;
            }
            JavaType type = p.getPrimaryType();
            ObjectNode ps = schema(type, mode);
            id(p.getName(), ps);
            boolean isRequired = isMarkedRequired(t.getRawClass(), p) || (mode == Mode.RESPONSE && type.isPrimitive());
            if (isRequired) {
                required.add(p.getName());
            } else if (mode == Mode.REQUEST && !type.isPrimitive()) {
                ps = nullable(ps);
            }
            props.set(p.getName(), ps);
        }
        if (!required.isEmpty()) {
            s.set("required", required);
        }
        s.set("properties", props);
        if (mode == Mode.REQUEST && Json.MAPPER.isEnabled(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)) {
            s.put("additionalProperties", false);
        }
        return s;
    }

    /** The schema, also taking {@code null}: a reference is wrapped (siblings of {@code $ref} are ignored in OpenAPI 3.0). */
    private static ObjectNode nullable(ObjectNode schema) {
        if (schema.has("$ref")) {
            ObjectNode wrapped = F.objectNode();
            wrapped.putArray("allOf").add(schema);
            wrapped.put("nullable", true);
            return wrapped;
        }
        if (schema.has("type") || schema.has("allOf")) {
            schema.put("nullable", true);
            if (schema.has("enum")) {
                ((ArrayNode) schema.get("enum")).addNull(); // an enum lists every value it takes
            }
        }
        return schema;
    }

    private static boolean isMarkedRequired(Class<?> owner, BeanPropertyDefinition p) {
        for (AnnotatedMember member : new AnnotatedMember[] { p.getField(), p.getGetter(), p.getConstructorParameter() }) {
            if (member != null && member.hasAnnotation(Required.class)) {
                return true;
            }
        }
        if (owner.isRecord()) {
            for (RecordComponent c : owner.getRecordComponents()) {
                if (c.getName().equals(p.getInternalName()) && c.isAnnotationPresent(Required.class)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ObjectNode ref(String schema) {
        return ref("#/components/schemas/" + schema, true);
    }

    private static ObjectNode ref(String target, boolean full) {
        ObjectNode r = F.objectNode();
        r.put("$ref", target);
        return r;
    }

    private static ObjectNode problemSchema() {
        ObjectNode s = F.objectNode();
        s.put("type", "object");
        ObjectNode p = s.putObject("properties");
        s.putArray("required").add("type").add("title").add("status");
        p.putObject("type").put("type", "string").put("example", "urn:sotay:problem:validation");
        p.putObject("title").put("type", "string");
        p.putObject("status").put("type", "integer").put("format", "int32");
        p.putObject("detail").put("type", "string");
        p.putObject("instance").put("type", "string");
        p.putObject("requestId").put("type", "string");
        ObjectNode errors = p.putObject("errors");
        errors.put("type", "array");
        ObjectNode e = errors.putObject("items");
        e.put("type", "object");
        e.putArray("required").add("field").add("code").add("message");
        ObjectNode ep = e.putObject("properties");
        ep.putObject("field").put("type", "string");
        ep.putObject("code").put("type", "string");
        ep.putObject("message").put("type", "string");
        return s;
    }
}
