package org.sotay.notify.rest.internal;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.sotay.core.api.Api;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.Returns;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.security.RequiresPermission;
import org.sotay.notify.api.Delivery;
import org.sotay.notify.api.Inbox;
import org.sotay.notify.api.InboxService;
import org.sotay.notify.api.NotifyPermissions;

/**
 * {@code /api/v1/notifications}: the caller's own inbox (any signed-in account; no permission needed),
 * polled cheaply with {@code after} (the cursor of the last answer) and an ETag; the failed deliveries
 * for operators.
 */
@Component(service = NotificationResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {
    private final InboxService inbox;

    @Activate
    public NotificationResource(@Reference InboxService inbox) {
        this.inbox = inbox;
    }

    private static long number(String name, String value, long min, long max) {
        if (value == null || value.isBlank()) {
            return min;
        }
        try {
            long v = Long.parseLong(value.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw SotayException.invalid(java.util.List.of(new FieldError(name, "out-of-range", Text.of(name + " phải là số từ " + min + " đến " + max + ".",
                name + " must be a whole number from " + min + " to " + max + "."))));
    }

    /** The messages after {@code after}; 304 while nothing came or was read since the ETag sent. */
    @GET
    @Returns(Inbox.class)
    @Returns(status = 304)
    public Response list(@QueryParam("after") String after, @QueryParam("limit") String limit, @Context Request request) {
        long from = number("after", after, 0, Long.MAX_VALUE / 2);
        int n = (int) number("limit", limit == null || limit.isBlank() ? "50" : limit, 1, PageRequest.MAX_LIMIT);
        EntityTag tag = new EntityTag(inbox.version() + "-" + from + "-" + n);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.build();
        }
        return Response.ok(inbox.inbox(from, n)).tag(tag).header("Cache-Control", "no-cache").build();
    }

    @POST
    @Path("{id}/read")
    public void read(@PathParam("id") String id) {
        inbox.markRead(id);
    }

    /** Everything up to the cursor {@code upTo} (default: all) read; how many changed. */
    @POST
    @Path("read")
    public int readAll(@QueryParam("upTo") String upTo) {
        return inbox.markAllRead(number("upTo", upTo == null || upTo.isBlank() ? Long.toString(Long.MAX_VALUE / 2) : upTo, 0, Long.MAX_VALUE / 2));
    }

    @GET
    @Path("failures")
    @RequiresPermission(NotifyPermissions.MANAGE)
    public Page<Delivery> failures(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return inbox.failures(PageRequest.parse(offset, limit));
    }

    @POST
    @Path("failures/{id}/retry")
    @RequiresPermission(NotifyPermissions.MANAGE)
    public Delivery retry(@PathParam("id") String id) {
        return inbox.retry(id);
    }
}
