package org.sotay.identity.rest.internal;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.sotay.core.api.Api;
import org.sotay.core.api.Required;
import org.sotay.core.api.Returns;
import org.sotay.core.api.security.RequiresPermission;
import org.sotay.identity.api.AccountService;
import org.sotay.identity.api.ActivationCode;
import org.sotay.identity.api.IdentityPermissions;

/**
 * {@code POST /api/v1/activation-codes {"memberId"}}: a secretary (or anyone above with the
 * permission) issues a one-time code to a member of their subtree: {@code REGISTER} when the member
 * has no account yet, {@code RESET} otherwise. The code is in this answer only.
 */
@Component(service = ActivationCodeResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("v1/activation-codes")
@Produces(MediaType.APPLICATION_JSON)
public class ActivationCodeResource {
    /** {@code {"memberId": ...}} */
    public record CodeRequest(@Required String memberId) {
    }

    private final AccountService accounts;

    @Activate
    public ActivationCodeResource(@Reference AccountService accounts) {
        this.accounts = accounts;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(IdentityPermissions.CODE_ISSUE)
    @Returns(value = ActivationCode.class, status = 201, description = "The code, in this answer only")
    public Response issue(CodeRequest body) {
        ActivationCode code = accounts.issueCode(body == null ? null : body.memberId());
        return Response.status(Response.Status.CREATED).entity(code).header("Cache-Control", "no-store").build();
    }
}
