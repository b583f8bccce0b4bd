package org.sotay.identity.rest.internal;

import java.net.URI;
import java.time.Instant;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
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
import org.sotay.core.api.Required;
import org.sotay.core.api.Returns;
import org.sotay.core.api.security.RequiresPermission;
import org.sotay.identity.api.Account;
import org.sotay.identity.api.AccountKind;
import org.sotay.identity.api.AccountQuery;
import org.sotay.identity.api.AccountService;
import org.sotay.identity.api.CreatedAccount;
import org.sotay.identity.api.GrantDraft;
import org.sotay.identity.api.IdentityPermissions;
import org.sotay.identity.api.StaffDraft;

/** {@code /api/v1/accounts}: accounts in the caller's subtrees, their locks and role grants. */
@Component(service = AccountResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {
    /** {@code {"reason": ..., "until": "2026-12-31T00:00:00Z"}} ({@code until} optional). */
    public record LockRequest(@Required String reason, Instant until) {
    }

    private final AccountService accounts;

    @Activate
    public AccountResource(@Reference AccountService accounts) {
        this.accounts = accounts;
    }

    @GET
    @RequiresPermission(IdentityPermissions.ACCOUNT_READ)
    public Page<Account> find(@QueryParam("unit") String unit, @QueryParam("q") String q, @QueryParam("kind") String kind,
            @QueryParam("locked") String locked, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return accounts.find(new AccountQuery(unit, q, Params.oneOf("kind", kind, AccountKind.class), Params.bool("locked", locked)),
                PageRequest.parse(offset, limit));
    }

    /** A staff or API-client account; without a password the answer carries a one-time one (shown once). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(IdentityPermissions.ACCOUNT_MANAGE)
    @Returns(value = CreatedAccount.class, status = 201, description = "Created; the one-time secret, when generated, is in this answer only")
    public Response create(StaffDraft draft, @Context UriInfo uri) {
        CreatedAccount created = accounts.create(draft);
        return Response.created(uri.getAbsolutePathBuilder().path(created.account().id()).build()).entity(created)
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("{id}")
    @RequiresPermission(IdentityPermissions.ACCOUNT_READ)
    public Account get(@PathParam("id") String id) {
        return accounts.get(id);
    }

    @POST
    @Path("{id}/lock")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(IdentityPermissions.ACCOUNT_MANAGE)
    public Account lock(@PathParam("id") String id, LockRequest body) {
        LockRequest b = body == null ? new LockRequest(null, null) : body;
        return accounts.lock(id, b.reason(), b.until());
    }

    @POST
    @Path("{id}/unlock")
    @RequiresPermission(IdentityPermissions.ACCOUNT_MANAGE)
    public Account unlock(@PathParam("id") String id) {
        return accounts.unlock(id);
    }

    /** Grants a role at a unit (never more than the caller holds there). */
    @POST
    @Path("{id}/grants")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(IdentityPermissions.GRANT_MANAGE)
    @Returns(value = Account.class, status = 201, description = "The account with its grants")
    public Response grant(@PathParam("id") String id, GrantDraft grant) {
        Account a = accounts.grant(id, grant);
        return Response.created(URI.create("v1/accounts/" + a.id())).entity(a).build();
    }

    /** Ends a grant (kept for the record with its end date). */
    @DELETE
    @Path("{id}/grants/{grantId}")
    @RequiresPermission(IdentityPermissions.GRANT_MANAGE)
    public Account revokeGrant(@PathParam("id") String id, @PathParam("grantId") String grantId) {
        return accounts.revokeGrant(id, grantId);
    }
}
