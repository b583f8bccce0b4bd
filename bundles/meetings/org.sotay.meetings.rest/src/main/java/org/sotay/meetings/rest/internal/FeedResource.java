package org.sotay.meetings.rest.internal;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.sotay.core.api.Api;
import org.sotay.core.api.Returns;
import org.sotay.core.api.security.RequiresPermission;
import org.sotay.meetings.api.CalendarService;
import org.sotay.meetings.api.Feed;
import org.sotay.meetings.api.FeedDraft;
import org.sotay.meetings.api.MeetingsPermissions;

/** {@code /api/v1/meetings/feeds}: the caller's calendar feeds, made and revoked by their owner (read at {@code /v1/calendar/<token>.ics}). */
@Component(service = FeedResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("v1/meetings/feeds")
public class FeedResource {
    private final CalendarService calendars;

    @Activate
    public FeedResource(@Reference CalendarService calendars) {
        this.calendars = calendars;
    }

    @POST
        @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresPermission(MeetingsPermissions.READ)
    @Returns(value = Feed.class, status = 201, description = "Made; its path (with the secret token) is shown this once")
    public Response create(FeedDraft draft) {
        return Response.status(201).entity(calendars.create(draft)).header("Cache-Control", "no-store").build();
    }

    @GET
        @Produces(MediaType.APPLICATION_JSON)
    @RequiresPermission(MeetingsPermissions.READ)
    public List<Feed> mine() {
        return calendars.mine();
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresPermission(MeetingsPermissions.READ)
    public void revoke(@PathParam("id") String id) {
        calendars.revoke(id);
    }
}
