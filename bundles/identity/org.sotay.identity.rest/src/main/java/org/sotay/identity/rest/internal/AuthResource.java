package org.sotay.identity.rest.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.FormParam;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.sotay.core.api.Api;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.Required;
import org.sotay.core.api.Returns;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.security.PublicEndpoint;
import org.sotay.identity.api.Account;
import org.sotay.identity.api.AccountService;
import org.sotay.identity.api.Device;
import org.sotay.identity.api.Login;
import org.sotay.identity.api.Registration;
import org.sotay.identity.api.TokenPair;
import org.sotay.identity.api.TokenService;

/**
 * {@code /api/v1/auth}: registration with an activation code, sign-in, token refresh and
 * logout, the caller's own account, password and devices. Token answers are never cached.
 */
@Component(service = AuthResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    /** {@code {"refreshToken": ...}} */
    public record RefreshRequest(@Required String refreshToken) {
    }

    /** {@code {"currentPassword": ..., "newPassword": ...}} */
    public record PasswordChange(@Required String currentPassword, @Required String newPassword) {
    }

    /** The OAuth 2.0 token answer of the client credentials grant (RFC 6749 section 5.1), names as OAuth libraries expect. */
    public record ClientToken(@Required String access_token, @Required String token_type, long expires_in) {
    }

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final TokenService tokens;
    private final AccountService accounts;

    @Activate
    public AuthResource(@Reference TokenService tokens, @Reference AccountService accounts) {
        this.tokens = tokens;
        this.accounts = accounts;
    }

    /** Sign in with the party card number (members) or account name (staff) and password. */
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicEndpoint
    @Returns(value = TokenPair.class, description = "Signed in: a token pair")
    public Response login(Login login) {
        return noStore(tokens.login(login));
    }

    /** Trade a refresh token for a new pair; the old refresh token is spent. */
    @POST
    @Path("refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicEndpoint
    @Returns(value = TokenPair.class, description = "A new pair; the refresh token sent is spent")
    public Response refresh(RefreshRequest body) {
        return noStore(tokens.refresh(body == null ? null : body.refreshToken()));
    }

    /**
     * OAuth 2.0 client credentials for integrators' API clients (form-encoded, RFC 6749 section 4.4):
     * answers {@code {"access_token", "token_type": "Bearer", "expires_in"}} as OAuth libraries
     * expect; failures are problem+json like everywhere else in the API.
     */
    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PublicEndpoint
    @Returns(value = ClientToken.class, description = "An access token for the API client")
    public Response token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret) {
        if (!"client_credentials".equals(grantType)) {
            throw SotayException.invalid(List.of(new FieldError("grant_type", "unsupported",
                    Text.of("Chỉ hỗ trợ client_credentials.", "Only client_credentials is supported."))));
        }
        TokenPair pair = tokens.clientCredentials(clientId, clientSecret);
        ClientToken oauth = new ClientToken(pair.accessToken(), pair.tokenType(), pair.expiresIn());
        return Response.ok(oauth).cacheControl(NO_STORE).header("Pragma", "no-cache").build();
    }

    /** Ends the session of this refresh token (its whole family). */
    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_JSON)
    @Returns(status = 204, description = "The session has ended")
    public Response logout(RefreshRequest body) {
        tokens.logout(body == null ? null : body.refreshToken());
        return Response.noContent().build();
    }

    /** A member creates their account with card number, birth date and the code their secretary gave them. */
    @POST
    @Path("register")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicEndpoint
    @Returns(value = Account.class, status = 201, description = "The new account")
    public Response register(Registration registration) {
        Account a = accounts.register(registration);
        return Response.created(URI.create("v1/auth/me")).entity(a).build();
    }

    /** A member sets a new password with a reset code from their secretary. */
    @POST
    @Path("password-reset")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicEndpoint
    @Returns(status = 204, description = "The new password is set")
    public Response resetPassword(Registration reset) {
        accounts.resetPassword(reset);
        return Response.noContent().build();
    }

    @GET
    @Path("me")
    public Account me() {
        return accounts.me();
    }

    /** Changes the password; every other session is signed out. */
    @POST
    @Path("me/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Returns(status = 204, description = "Changed; the other sessions are signed out")
    public Response changePassword(PasswordChange body) {
        PasswordChange b = body == null ? new PasswordChange(null, null) : body;
        accounts.changePassword(b.currentPassword(), b.newPassword());
        return Response.noContent().build();
    }

    @GET
    @Path("me/devices")
    public List<Device> devices() {
        return accounts.myDevices();
    }

    @DELETE
    @Path("me/devices/{id}")
    @Returns(status = 204, description = "Forgotten and signed out")
    public Response revokeDevice(@PathParam("id") String id) {
        accounts.revokeDevice(id);
        return Response.noContent().build();
    }

    /** The public keys that verify access tokens (JWKS), for other services. */
    @GET
    @Path("jwks")
    @PublicEndpoint
    public Map<String, Object> jwks() {
        return tokens.jwks();
    }

    private static Response noStore(TokenPair pair) {
        return Response.ok(pair).cacheControl(NO_STORE).header("Pragma", "no-cache").build();
    }
}
