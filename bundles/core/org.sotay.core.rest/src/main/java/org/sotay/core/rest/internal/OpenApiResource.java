package org.sotay.core.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.jaxrs.whiteboard.JaxrsWhiteboardConstants;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.osgi.util.tracker.ServiceTracker;
import org.sotay.core.api.Api;
import org.sotay.core.api.Returns;
import org.sotay.core.api.security.PublicEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * {@code GET /api/openapi.json}: the API of the modules installed at this moment. The document
 * is rebuilt when a resource comes or goes, and served with an ETag.
 */
@Component(service = OpenApiResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("openapi.json")
public class OpenApiResource {
    private static final Logger LOG = LoggerFactory.getLogger(OpenApiResource.class);

    private final BundleContext context;
    private final ServiceTracker<Object, Object> resources;
    private volatile Cached cached;

    private record Cached(String json, EntityTag etag) {
    }

    @Activate
    public OpenApiResource(BundleContext context) throws Exception {
        this.context = context;
        this.resources = new ServiceTracker<>(context,
                context.createFilter("(" + JaxrsWhiteboardConstants.JAX_RS_RESOURCE + "=true)"), null) {
            @Override
            public Object addingService(ServiceReference<Object> reference) {
                cached = null;
                return reference;
            }

            @Override
            public void removedService(ServiceReference<Object> reference, Object service) {
                cached = null;
            }
        };
        resources.open();
    }

    @Deactivate
    void close() {
        resources.close();
    }

    @GET
    @PublicEndpoint
    @Produces(MediaType.APPLICATION_JSON)
    @Returns(value = java.util.Map.class, description = "This OpenAPI document")
    @Returns(status = 304)
    public Response openApi(@Context Request request) throws JsonProcessingException {
        Cached c = cached;
        if (c == null) {
            String json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                    OpenApiBuilder.build(context.getBundle().getVersion().toString(), currentResources()));
            c = new Cached(json, new EntityTag(sha256(json)));
            cached = c;
        }
        Response.ResponseBuilder notModified = request.evaluatePreconditions(c.etag());
        CacheControl revalidate = new CacheControl();
        revalidate.setNoCache(true);
        if (notModified != null) {
            return notModified.cacheControl(revalidate).build();
        }
        return Response.ok(c.json(), MediaType.APPLICATION_JSON_TYPE).tag(c.etag()).cacheControl(revalidate).build();
    }

    private List<OpenApiBuilder.Resource> currentResources() {
        List<OpenApiBuilder.Resource> out = new ArrayList<>();
        ServiceReference<Object>[] refs = resources.getServiceReferences();
        if (refs == null) {
            return out;
        }
        for (ServiceReference<Object> ref : refs) {
            if (!Api.APPLICATION_SELECT.equals(ref.getProperty(JaxrsWhiteboardConstants.JAX_RS_APPLICATION_SELECT))) {
                continue;
            }
            Class<?> type = typeOf(ref);
            if (type != null) {
                out.add(new OpenApiBuilder.Resource(type, module(ref.getBundle())));
            }
        }
        return out;
    }

    /** The resource's implementation class, read without creating an instance when DS names it. */
    private Class<?> typeOf(ServiceReference<Object> ref) {
        Object name = ref.getProperty("component.name");
        if (name instanceof String n) {
            try {
                return ref.getBundle().loadClass(n);
            } catch (ClassNotFoundException | RuntimeException e) {
                // not a class name: fall back to the service object
            }
        }
        var objects = context.getServiceObjects(ref);
        if (objects == null) {
            return null;
        }
        Object service = objects.getService();
        try {
            return service == null ? null : service.getClass();
        } finally {
            if (service != null) {
                objects.ungetService(service);
            }
        }
    }

    /** The bundle's module ({@link Modules}), else its symbolic name. */
    static String module(Bundle bundle) {
        String module = Modules.of(bundle);
        if (module != null) {
            return module;
        }
        return bundle.getSymbolicName() == null ? "other" : bundle.getSymbolicName();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 32);
        } catch (Exception e) {
            LOG.warn("no SHA-256", e);
            return Integer.toHexString(s.hashCode());
        }
    }
}
