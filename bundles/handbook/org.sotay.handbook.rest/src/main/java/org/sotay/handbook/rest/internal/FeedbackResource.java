package org.sotay.handbook.rest.internal;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

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
import org.sotay.handbook.api.Feedback;
import org.sotay.handbook.api.FeedbackAnswer;
import org.sotay.handbook.api.FeedbackDraft;
import org.sotay.handbook.api.FeedbackService;
import org.sotay.handbook.api.FeedbackStatus;
import org.sotay.handbook.api.HandbookPermissions;
import org.sotay.handbook.api.Item;
import org.sotay.handbook.api.QaDraft;

/** {@code /api/v1/handbook/feedback}: members and committees send; staff in scope answer. */
@Component(service = FeedbackResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("v1/handbook/feedback")
@Produces(MediaType.APPLICATION_JSON)
public class FeedbackResource {
    private final FeedbackService feedback;

    @Activate
    public FeedbackResource(@Reference FeedbackService feedback) {
        this.feedback = feedback;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(HandbookPermissions.READ)
    @Returns(value = Feedback.class, status = 201, description = "Sent")
    public Response send(FeedbackDraft draft) {
        return Response.status(201).entity(feedback.send(draft)).build();
    }

    @GET
    @Path("mine")
    @RequiresPermission(HandbookPermissions.READ)
    public Page<Feedback> mine(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return feedback.mine(PageRequest.parse(offset, limit));
    }

    @GET
    @RequiresPermission(HandbookPermissions.FEEDBACK_ANSWER)
    public Page<Feedback> inbox(@QueryParam("status") String status, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return feedback.inbox(Params.oneOf("status", status, FeedbackStatus.class), PageRequest.parse(offset, limit));
    }

    @GET
    @Path("{id}")
    @RequiresPermission(HandbookPermissions.READ)
    public Feedback get(@PathParam("id") String id) {
        return feedback.get(id);
    }

    @POST
    @Path("{id}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(HandbookPermissions.FEEDBACK_ANSWER)
    public Feedback answer(@PathParam("id") String id, FeedbackAnswer answer) {
        return feedback.answer(id, answer);
    }

    @POST
    @Path("{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(HandbookPermissions.FEEDBACK_ANSWER)
    public Feedback close(@PathParam("id") String id, Bodies.VersionRequest body) {
        return feedback.close(id, Bodies.version(body == null ? null : body.version()));
    }

    @POST
    @Path("{id}/qa")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(HandbookPermissions.FEEDBACK_ANSWER)
    @Returns(value = Item.class, status = 201, description = "The Q&A draft item; publish it from the editor")
    public Response toQa(@PathParam("id") String id, QaDraft draft) {
        return Response.status(201).entity(feedback.toQa(id, draft)).build();
    }
}
