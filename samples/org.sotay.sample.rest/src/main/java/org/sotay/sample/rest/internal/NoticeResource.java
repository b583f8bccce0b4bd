package org.sotay.sample.rest.internal;

import java.net.URI;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.sotay.core.api.Api;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.Returns;
import org.sotay.core.api.security.RequiresPermission;
import org.sotay.sample.api.Notice;
import org.sotay.sample.api.NoticeDraft;
import org.sotay.sample.api.NoticeService;
import org.sotay.sample.api.SamplePermissions;

/**
 * {@code /api/v1/sample/notices}: a plugin's paths start with its module name ({@code /v1/<module>/...});
 * every method declares its permission, the service limits the answer to the caller's scope.
 */
@Component(service = NoticeResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("v1/sample/notices")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeResource {
    private final NoticeService notices;

    @Activate
    public NoticeResource(@Reference NoticeService notices) {
        this.notices = notices;
    }

    /** Newest first; {@code unit} limits to a subtree. */
    @GET
    @RequiresPermission(SamplePermissions.READ)
    public Page<Notice> list(@QueryParam("unit") String unit, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return notices.list(unit, PageRequest.parse(offset, limit));
    }

    /** One notice, with an ETag: a client that polls sends If-None-Match and gets 304 while nothing changed. */
    @GET
    @Path("{id}")
    @RequiresPermission(SamplePermissions.READ)
    @Returns(Notice.class)
    @Returns(status = 304)
    public Response get(@PathParam("id") String id, @Context Request request) {
        Notice n = notices.get(id);
        EntityTag tag = new EntityTag(Long.toString(n.version()));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        return notModified != null ? notModified.build() : Response.ok(n).tag(tag).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(SamplePermissions.WRITE)
    @Returns(value = Notice.class, status = 201, description = "Published; Location names the notice")
    public Response publish(NoticeDraft draft, @Context UriInfo uri) {
        Notice n = notices.publish(draft);
        URI location = uri.getAbsolutePathBuilder().path(n.id()).build();
        return Response.created(location).entity(n).tag(new EntityTag(Long.toString(n.version()))).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(SamplePermissions.WRITE)
    public Notice update(@PathParam("id") String id, NoticeDraft draft) {
        return notices.update(id, draft);
    }
}
