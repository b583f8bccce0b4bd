package org.sotay.handbook.rest.internal;

import java.io.InputStream;
import java.net.URI;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
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
import org.sotay.core.api.Params;
import org.sotay.core.api.Returns;
import org.sotay.core.api.security.RequiresPermission;
import org.sotay.handbook.api.AttachmentInfo;
import org.sotay.handbook.api.EditorQuery;
import org.sotay.handbook.api.EditorService;
import org.sotay.handbook.api.HandbookPermissions;
import org.sotay.handbook.api.Item;
import org.sotay.handbook.api.ItemDraft;
import org.sotay.handbook.api.ItemStatus;
import org.sotay.handbook.api.ItemVersion;

/** {@code /api/v1/handbook/editor}: writing the library, within the caller's subtrees. */
@Component(service = EditorResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("v1/handbook/editor")
@Produces(MediaType.APPLICATION_JSON)
public class EditorResource {
    private final EditorService editor;

    @Activate
    public EditorResource(@Reference EditorService editor) {
        this.editor = editor;
    }

    @GET
    @Path("items")
    @RequiresPermission(HandbookPermissions.ITEM_WRITE)
    public Page<Item> list(@QueryParam("status") String status, @QueryParam("kind") String kind, @QueryParam("unit") String unit,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return editor.list(new EditorQuery(Params.oneOf("status", status, ItemStatus.class), kind, unit), PageRequest.parse(offset, limit));
    }

    @POST
    @Path("items")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(HandbookPermissions.ITEM_WRITE)
    @Returns(value = Item.class, status = 201, description = "The draft; Location names it")
    public Response create(ItemDraft draft, @Context UriInfo uri) {
        Item item = editor.create(draft);
        URI location = uri.getAbsolutePathBuilder().path(item.id()).build();
        return Response.created(location).entity(item).build();
    }

    @GET
    @Path("items/{id}")
    @RequiresPermission(HandbookPermissions.ITEM_WRITE)
    public Item get(@PathParam("id") String id) {
        return editor.get(id);
    }

    @PUT
    @Path("items/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(HandbookPermissions.ITEM_WRITE)
    public Item update(@PathParam("id") String id, ItemDraft draft) {
        return editor.update(id, draft);
    }

    @POST
    @Path("items/{id}/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(HandbookPermissions.ITEM_PUBLISH)
    public Item publish(@PathParam("id") String id, Bodies.PublishRequest body) {
        return editor.publish(id, body == null ? null : body.at(), Bodies.version(body == null ? null : body.version()));
    }

    @POST
    @Path("items/{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(HandbookPermissions.ITEM_PUBLISH)
    public Item withdraw(@PathParam("id") String id, Bodies.WithdrawRequest body) {
        long version = Bodies.version(body == null ? null : body.version());
        return editor.withdraw(id, body.reason(), version);
    }

    @GET
    @Path("items/{id}/versions")
    @RequiresPermission(HandbookPermissions.ITEM_WRITE)
    public List<ItemVersion> versions(@PathParam("id") String id) {
        return editor.versions(id);
    }

    @POST
    @Path("items/{id}/attachments")
    @Consumes({ MediaType.APPLICATION_OCTET_STREAM, "application/pdf", "image/png", "image/jpeg", "image/webp", "audio/mpeg", "audio/mp4", "audio/ogg",
            "audio/wav" })
    @RequiresPermission(HandbookPermissions.ITEM_WRITE)
    @Returns(value = AttachmentInfo.class, status = 201, description = "Stored; its type is the one found in its bytes")
    public Response attach(@PathParam("id") String id, @QueryParam("name") String name, InputStream content) {
        return Response.status(201).entity(editor.attach(id, name, content)).build();
    }

    @DELETE
    @Path("items/{id}/attachments/{attachmentId}")
    @RequiresPermission(HandbookPermissions.ITEM_WRITE)
    public void detach(@PathParam("id") String id, @PathParam("attachmentId") String attachmentId) {
        editor.detach(id, attachmentId);
    }
}
