package org.sotay.core.rest.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.sotay.core.api.security.PublicEndpoint;
import org.sotay.core.api.security.RequiresPermission;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds an OpenAPI 3.0 document from the JAX-RS annotations of the resources that are
 * registered right now, with JSON schemas from the same Jackson configuration that serves the
 * bodies. No extra annotations are needed in module code; {@link PublicEndpoint} and
 * {@link RequiresPermission} become the security of each operation.
 */
final class OpenApiBuilder {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** A resource class and the module it comes from (the tag). */
    record Resource(Class<?> type, String module) {
    }

    private final ObjectNode schemas = F.objectNode();

    static ObjectNode build(String version, Collection<Resource> resources) {
        return new OpenApiBuilder().document(version, resources);
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

        ArrayNode params = F.arrayNode();
        Type[] generic = m.getGenericParameterTypes();
        Annotation[][] annotations = m.getParameterAnnotations();
        for (int i = 0; i < generic.length; i++) {
            ObjectNode param = null;
            boolean entity = true;
            String defaultValue = null;
            for (Annotation a : annotations[i]) {
                if (a instanceof PathParam pp) {
                    param = param("path", pp.value(), true);
                } else if (a instanceof QueryParam qp) {
                    param = param("query", qp.value(), false);
                } else if (a instanceof HeaderParam hp) {
                    param = param("header", hp.value(), false);
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
                ObjectNode schema = schema(Json.MAPPER.constructType(generic[i]));
                if (defaultValue != null) {
                    schema.put("default", defaultValue);
                }
                param.set("schema", schema);
                params.add(param);
            } else if (entity) {
                ObjectNode body = op.putObject("requestBody");
                body.put("required", true);
                ObjectNode content = body.putObject("content");
                for (String mt : mediaTypes(m.getAnnotation(Consumes.class), r.type().getAnnotation(Consumes.class))) {
                    content.putObject(mt).set("schema", schema(Json.MAPPER.constructType(generic[i])));
                }
            }
        }
        if (!params.isEmpty()) {
            op.set("parameters", params);
        }

        ObjectNode responses = op.putObject("responses");
        Class<?> ret = m.getReturnType();
        if (ret == void.class) {
            responses.putObject("204").put("description", "Done, no content");
        } else if (javax.ws.rs.core.Response.class.isAssignableFrom(ret)) {
            responses.putObject("2XX").put("description", "Success");
        } else {
            ObjectNode ok = responses.putObject("200");
            ok.put("description", "Success");
            ObjectNode content = ok.putObject("content");
            for (String mt : mediaTypes(m.getAnnotation(Produces.class), r.type().getAnnotation(Produces.class))) {
                content.putObject(mt).set("schema", schema(Json.MAPPER.constructType(m.getGenericReturnType())));
            }
        }
        responses.set("4XX", ref("#/components/responses/Problem", true));
        responses.set("5XX", ref("#/components/responses/Problem", true));
        return op;
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

    private ObjectNode schema(JavaType t) {
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
        } else if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
                || raw == BigDecimal.class) {
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
        } else if (raw.isEnum()) {
            s.put("type", "string");
            ArrayNode values = s.putArray("enum");
            for (Object c : raw.getEnumConstants()) {
                values.add(((Enum<?>) c).name());
            }
        } else if (t.isArrayType() || t.isCollectionLikeType()) {
            s.put("type", "array");
            s.set("items", schema(t.getContentType()));
        } else if (t.isMapLikeType()) {
            s.put("type", "object");
            s.set("additionalProperties", schema(t.getContentType()));
        } else if (raw == Optional.class) {
            return schema(t.containedTypeOrUnknown(0));
        } else if (raw == Page.class) {
            s.put("type", "object");
            ObjectNode props = s.putObject("properties");
            ObjectNode items = props.putObject("items");
            items.put("type", "array");
            items.set("items", schema(t.containedTypeOrUnknown(0)));
            props.putObject("total").put("type", "integer").put("format", "int64");
            props.putObject("offset").put("type", "integer").put("format", "int32");
            props.putObject("limit").put("type", "integer").put("format", "int32");
            props.putObject("nextOffset").put("type", "integer").put("format", "int32").put("nullable", true);
        } else if (raw == Object.class || raw.getName().startsWith("javax.ws.rs.") || JsonNode.class.isAssignableFrom(raw)
                || raw.isInterface()) {
            // free-form
        } else {
            String name = raw.getSimpleName();
            if (!schemas.has(name)) {
                schemas.putObject(name); // placeholder first: recursive types end here
                schemas.set(name, bean(t));
            }
            return ref(name);
        }
        return s;
    }

    private ObjectNode bean(JavaType t) {
        ObjectNode s = F.objectNode();
        s.put("type", "object");
        ObjectNode props = s.putObject("properties");
        BeanDescription d = Json.MAPPER.getSerializationConfig().introspect(t);
        List<BeanPropertyDefinition> properties = new ArrayList<>(d.findProperties());
        for (BeanPropertyDefinition p : properties) {
            if (p.couldSerialize() || p.couldDeserialize()) {
                props.set(p.getName(), schema(p.getPrimaryType()));
            }
        }
        return s;
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
        p.putObject("type").put("type", "string").put("example", "urn:sotay:problem:validation");
        p.putObject("title").put("type", "string");
        p.putObject("status").put("type", "integer");
        p.putObject("detail").put("type", "string");
        p.putObject("instance").put("type", "string");
        p.putObject("requestId").put("type", "string");
        ObjectNode errors = p.putObject("errors");
        errors.put("type", "array");
        ObjectNode e = errors.putObject("items");
        e.put("type", "object");
        ObjectNode ep = e.putObject("properties");
        ep.putObject("field").put("type", "string");
        ep.putObject("code").put("type", "string");
        ep.putObject("message").put("type", "string");
        return s;
    }
}
