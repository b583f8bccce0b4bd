package org.sotay.meetings.rest.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.sotay.core.api.Api;
import org.sotay.core.api.Returns;
import org.sotay.core.api.security.PublicEndpoint;
import org.sotay.meetings.api.CalendarService;

/**
 * {@code /api/v1/calendar/<token>.ics}: the feed a phone calendar subscribes to. Calendars send no
 * bearer token, so the private token in the address is the credential: the endpoint is public and the
 * service checks the token (unknown or revoked: 404).
 */
@Component(service = CalendarResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("v1/calendar")
public class CalendarResource {
    static final String TEXT_CALENDAR = "text/calendar";
    private final CalendarService calendars;

    @Activate
    public CalendarResource(@Reference CalendarService calendars) {
        this.calendars = calendars;
    }

    @GET
    @Path("{token}.ics")
    @Produces(TEXT_CALENDAR)
    @PublicEndpoint
    @Returns(value = String.class, mediaType = TEXT_CALENDAR, description = "The feed, RFC 5545")
    public Response ics(@PathParam("token") String token) {
        return Response.ok(calendars.ics(token), TEXT_CALENDAR + "; charset=utf-8").header("Cache-Control", "private, max-age=300").build();
    }
}
