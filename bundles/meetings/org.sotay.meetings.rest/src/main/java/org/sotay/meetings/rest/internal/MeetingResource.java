package org.sotay.meetings.rest.internal;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.Providers;
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
import org.sotay.meetings.api.Approval;
import org.sotay.meetings.api.AttendanceService;
import org.sotay.meetings.api.Batch;
import org.sotay.meetings.api.BatchResult;
import org.sotay.meetings.api.CancelDraft;
import org.sotay.meetings.api.CheckIn;
import org.sotay.meetings.api.ConfirmDraft;
import org.sotay.meetings.api.Correction;
import org.sotay.meetings.api.MarkList;
import org.sotay.meetings.api.Meeting;
import org.sotay.meetings.api.MeetingDraft;
import org.sotay.meetings.api.MeetingKind;
import org.sotay.meetings.api.MeetingPattern;
import org.sotay.meetings.api.MeetingQuery;
import org.sotay.meetings.api.MeetingService;
import org.sotay.meetings.api.MeetingStatus;
import org.sotay.meetings.api.MeetingUpdate;
import org.sotay.meetings.api.MeetingsPermissions;
import org.sotay.meetings.api.Minutes;
import org.sotay.meetings.api.MinutesDraft;
import org.sotay.meetings.api.MinutesService;
import org.sotay.meetings.api.MoveDraft;
import org.sotay.meetings.api.OfflineSync;
import org.sotay.meetings.api.Packet;
import org.sotay.meetings.api.PaperMinutes;
import org.sotay.meetings.api.PatternDraft;
import org.sotay.meetings.api.Proposal;
import org.sotay.meetings.api.QrCode;
import org.sotay.meetings.api.Roll;
import org.sotay.meetings.api.RollEntry;
import org.sotay.meetings.api.Venue;
import org.sotay.meetings.api.VenueDraft;

/**
 * {@code /api/v1/meetings}: kinds, venues, a cell's pattern and proposal, meetings, the meeting packet;
 * attendance (check-in, the secretary's marks, the roll, the QR payload, offline batches); minutes (the
 * draft, approval, corrections as new versions, paper minutes). One resource class per root path, so
 * the JAX-RS runtime never has to choose between classes.
 */
@Component(service = MeetingResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("v1/meetings")
@Produces(MediaType.APPLICATION_JSON)
public class MeetingResource {
    private final MeetingService meetings;
    private final AttendanceService attendance;
    private final OfflineSync offline;
    private final MinutesService minutes;

    @Context
    Providers providers;

    @Activate
    public MeetingResource(@Reference MeetingService meetings, @Reference AttendanceService attendance, @Reference OfflineSync offline,
            @Reference MinutesService minutes) {
        this.meetings = meetings;
        this.attendance = attendance;
        this.offline = offline;
        this.minutes = minutes;
    }

    /** Newest first, within the caller's scope; {@code unit} limits to a subtree, {@code from}/{@code to} are local days. */
    @GET
    @RequiresPermission(MeetingsPermissions.READ)
    public Page<Meeting> list(@QueryParam("unit") String unit, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("status") String status, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        PageRequest page = PageRequest.parse(offset, limit);
        return meetings.list(new MeetingQuery(unit, Params.date("from", from), Params.date("to", to), Params.oneOf("status", status, MeetingStatus.class)),
                page);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(MeetingsPermissions.MANAGE)
    @Returns(value = Meeting.class, status = 201, description = "Registered; Location names the meeting")
    public Response create(MeetingDraft draft, @Context UriInfo uri) {
        Meeting m = meetings.create(draft);
        return Response.created(uri.getBaseUriBuilder().path("v1/meetings").path(m.id()).build()).entity(m).build();
    }

    @GET
    @Path("kinds")
    @RequiresPermission(MeetingsPermissions.READ)
    public List<MeetingKind> kinds() {
        return meetings.kinds();
    }

    /** One meeting, with an ETag of what the caller sees (If-None-Match: 304). */
    @GET
    @Path("{id}")
    @RequiresPermission(MeetingsPermissions.READ)
    @Returns(Meeting.class)
    @Returns(status = 304)
    public Response get(@PathParam("id") String id, @Context Request request) {
        return Representations.ok(providers, request, meetings.get(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(MeetingsPermissions.MANAGE)
    public Meeting update(@PathParam("id") String id, MeetingUpdate update) {
        return meetings.update(id, update);
    }

    @POST
    @Path("{id}/move")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(MeetingsPermissions.MANAGE)
    public Meeting move(@PathParam("id") String id, MoveDraft draft) {
        return meetings.move(id, draft);
    }

    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(MeetingsPermissions.MANAGE)
    public Meeting cancel(@PathParam("id") String id, CancelDraft draft) {
        return meetings.cancel(id, draft);
    }

    /** Agenda, documents and roster in one download, with an ETag, resumable with Range. */
    @GET
    @Path("{id}/packet")
    @RequiresPermission(MeetingsPermissions.READ)
    @Returns(Packet.class)
    @Returns(value = Packet.class, status = 206, description = "The part asked with Range (bytes of the whole answer)")
    @Returns(status = 304)
    public Response packet(@PathParam("id") String id, @Context Request request, @Context HttpHeaders headers) {
        return Representations.resumable(providers, request, headers, meetings.packet(id));
    }

    @GET
    @Path("cells/{unitId}/venues")
    @RequiresPermission(MeetingsPermissions.READ)
    public List<Venue> venues(@PathParam("unitId") String unitId) {
        return meetings.venues(unitId);
    }

    @POST
    @Path("cells/{unitId}/venues")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(MeetingsPermissions.MANAGE)
    @Returns(value = Venue.class, status = 201, description = "Added")
    public Response addVenue(@PathParam("unitId") String unitId, VenueDraft draft) {
        return Response.status(201).entity(meetings.addVenue(unitId, draft)).build();
    }

    @PUT
    @Path("venues/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(MeetingsPermissions.MANAGE)
    public Venue updateVenue(@PathParam("id") String id, VenueDraft draft) {
        return meetings.updateVenue(id, draft);
    }

    @GET
    @Path("cells/{unitId}/pattern")
    @RequiresPermission(MeetingsPermissions.READ)
    public MeetingPattern pattern(@PathParam("unitId") String unitId) {
        return meetings.pattern(unitId);
    }

    @PUT
    @Path("cells/{unitId}/pattern")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(MeetingsPermissions.MANAGE)
    public MeetingPattern setPattern(@PathParam("unitId") String unitId, PatternDraft draft) {
        return meetings.setPattern(unitId, draft);
    }

    /** The proposal for {@code month} (yyyy-MM), by default the next month to register. */
    @GET
    @Path("cells/{unitId}/proposal")
    @RequiresPermission(MeetingsPermissions.READ)
    public Proposal proposal(@PathParam("unitId") String unitId, @QueryParam("month") String month) {
        return meetings.proposal(unitId, month);
    }

    /** The one call of a month: the proposal confirmed (or moved by the fields sent) as a registered meeting. */
    @POST
    @Path("cells/{unitId}/proposal/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(MeetingsPermissions.MANAGE)
    @Returns(value = Meeting.class, status = 201, description = "Registered; Location names the meeting")
    public Response confirm(@PathParam("unitId") String unitId, ConfirmDraft draft, @Context UriInfo uri) {
        Meeting m = meetings.confirm(unitId, draft);
        URI location = uri.getBaseUriBuilder().path("v1/meetings").path(m.id()).build();
        return Response.created(location).entity(m).build();
    }

    // ---- attendance ----

    /** A member checks in with the meeting's code or its QR payload (their own account: never someone else). */
    @POST
    @Path("check-in")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(MeetingsPermissions.ATTEND)
    public RollEntry checkIn(CheckIn checkIn) {
        return attendance.checkIn(checkIn);
    }

    /** The roll, computed; with an ETag (polled while members check in). */
    @GET
    @Path("{id}/attendance")
    @RequiresPermission(MeetingsPermissions.READ)
    @Returns(Roll.class)
    @Returns(status = 304)
    public Response roll(@PathParam("id") String id, @Context Request request) {
        return Representations.ok(providers, request, attendance.roll(id));
    }

    /** The secretary marks members present or absent (with a reason), all or nothing. */
    @POST
    @Path("{id}/attendance")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(MeetingsPermissions.MANAGE)
    public Roll mark(@PathParam("id") String id, MarkList marks) {
        return attendance.mark(id, marks == null ? null : marks.marks());
    }

    /** The attendance is recorded: the meeting is held. */
    @POST
    @Path("{id}/held")
    @RequiresPermission(MeetingsPermissions.MANAGE)
    public Roll held(@PathParam("id") String id) {
        return attendance.recordHeld(id);
    }

    @GET
    @Path("{id}/qr")
    @RequiresPermission(MeetingsPermissions.MANAGE)
    public QrCode qr(@PathParam("id") String id) {
        return attendance.qr(id);
    }

    /** What a device recorded offline; the same batch twice changes nothing and gets the same answer. */
    @POST
    @Path("{id}/batches")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(MeetingsPermissions.MANAGE)
    public BatchResult batch(@PathParam("id") String id, Batch batch) {
        return offline.apply(id, batch);
    }

    // ---- minutes ----

    /** The current version (the draft being written, else the approved one), with an ETag. */
    @GET
    @Path("{id}/minutes")
    @RequiresPermission(MeetingsPermissions.READ)
    @Returns(Minutes.class)
    @Returns(status = 304)
    public Response current(@PathParam("id") String id, @Context Request request) {
        return Representations.ok(providers, request, minutes.current(id));
    }

    /** Creates or replaces the draft (send its {@code version} once it exists). */
    @PUT
    @Path("{id}/minutes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(MeetingsPermissions.MANAGE)
    public Minutes save(@PathParam("id") String id, MinutesDraft draft) {
        return minutes.save(id, draft);
    }

    @POST
    @Path("{id}/minutes/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(MeetingsPermissions.MANAGE)
    public Minutes approve(@PathParam("id") String id, Approval approval) {
        if (approval == null || approval.version() == null) {
            throw org.sotay.core.api.SotayException.invalid(List.of(new org.sotay.core.api.FieldError("version", "required",
                    org.sotay.core.api.Text.of("Trường này là bắt buộc.", "This field is required."))));
        }
        return minutes.approve(id, approval.version());
    }

    /** A correction of approved minutes: a new draft version; the approved one stays readable. */
    @POST
    @Path("{id}/minutes/corrections")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(MeetingsPermissions.MANAGE)
    @Returns(value = Minutes.class, status = 201, description = "The new draft version")
    public Response correct(@PathParam("id") String id, Correction correction) {
        return Response.status(201).entity(minutes.correct(id, correction == null ? null : correction.reason())).build();
    }

    @GET
    @Path("{id}/minutes/versions")
    @RequiresPermission(MeetingsPermissions.READ)
    public List<Minutes> versions(@PathParam("id") String id) {
        return minutes.versions(id);
    }

    @GET
    @Path("{id}/minutes/versions/{number}")
    @RequiresPermission(MeetingsPermissions.READ)
    public Minutes version(@PathParam("id") String id, @PathParam("number") String number) {
        if (number == null || !number.matches("\\d{1,4}")) {
            throw org.sotay.core.api.SotayException.notFound(org.sotay.core.api.Text.of("Không có phiên bản biên bản này.",
                    "There is no such version of the minutes."));
        }
        return minutes.version(id, Integer.parseInt(number));
    }

    /** The photo (JPEG, PNG) or PDF of the signed paper minutes, as the request body; the meeting counts as held. */
    @PUT
    @Path("{id}/paper-minutes")
    @Consumes({ "image/jpeg", "image/png", "application/pdf", MediaType.APPLICATION_OCTET_STREAM })
    @RequiresPermission(MeetingsPermissions.MANAGE)
    public PaperMinutes uploadPaper(@PathParam("id") String id, @Context HttpHeaders headers, InputStream body) {
        return minutes.uploadPaper(id, headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
    }

    @GET
    @Path("{id}/paper-minutes/info")
    @RequiresPermission(MeetingsPermissions.READ)
    public PaperMinutes paper(@PathParam("id") String id) {
        return minutes.paper(id);
    }

    @GET
    @Path("{id}/paper-minutes")
    @Produces({ "application/pdf", "image/jpeg", "image/png" })
    @RequiresPermission(MeetingsPermissions.READ)
    @Returns(value = InputStream.class, mediaType = MediaType.APPLICATION_OCTET_STREAM, description = "The file as uploaded (its media type in Content-Type)")
    public Response downloadPaper(@PathParam("id") String id) {
        PaperMinutes info = minutes.paper(id);
        StreamingOutput out = os -> {
            try (InputStream in = minutes.openPaper(id)) {
                in.transferTo(os);
            }
        };
        return Response.ok(out, info.mediaType()).header("Content-Length", info.size()).tag(info.sha256()).build();
    }
}
