#set( $symbol_pound = '#' )
#set( $symbol_dollar = '$' )
package ${package}.rest.internal;

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

import ${package}.api.${moduleClass}Permissions;
import ${package}.api.Item;
import ${package}.api.ItemDraft;
import ${package}.api.ItemService;

/**
 * {@code /api/v1/${moduleName}/items}: a plugin's paths start with its module name ({@code /v1/<module>/...}); every
 * method declares its permission, the service limits the answer to the caller's scope.
 */
@Component(service = ItemResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("v1/${moduleName}/items")
@Produces(MediaType.APPLICATION_JSON)
public class ItemResource {
    private final ItemService items;

    @Activate
    public ItemResource(@Reference ItemService items) {
        this.items = items;
    }

    /** Newest first; {@code unit} limits to a subtree. */
    @GET
    @RequiresPermission(${moduleClass}Permissions.READ)
    public Page<Item> list(@QueryParam("unit") String unit, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return items.list(unit, PageRequest.parse(offset, limit));
    }

    /** One item, with an ETag: a client that polls sends If-None-Match and gets 304 while nothing changed. */
    @GET
    @Path("{id}")
    @RequiresPermission(${moduleClass}Permissions.READ)
    @Returns(Item.class)
    @Returns(status = 304)
    public Response get(@PathParam("id") String id, @Context Request request) {
        Item i = items.get(id);
        EntityTag tag = new EntityTag(Long.toString(i.version()));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        return notModified != null ? notModified.build() : Response.ok(i).tag(tag).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(${moduleClass}Permissions.WRITE)
    @Returns(value = Item.class, status = 201, description = "Created; Location names the item")
    public Response create(ItemDraft draft, @Context UriInfo uri) {
        Item i = items.create(draft);
        URI location = uri.getAbsolutePathBuilder().path(i.id()).build();
        return Response.created(location).entity(i).tag(new EntityTag(Long.toString(i.version()))).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(${moduleClass}Permissions.WRITE)
    public Item update(@PathParam("id") String id, ItemDraft draft) {
        return items.update(id, draft);
    }
}
