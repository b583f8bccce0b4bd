package org.sotay.itests;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.sotay.client.ApiClient;
import org.sotay.client.ApiException;
import org.sotay.client.api.IdentityApi;
import org.sotay.client.api.RegistryApi;
import org.sotay.client.model.Login;
import org.sotay.client.model.Member;
import org.sotay.client.model.MemberResourceSearch200Response;

/**
 * The Java client that openapi-generator makes from {@code docs/api/openapi.json} (module
 * {@code samples/java-client}), used as an API client would use it: sign in, then search and read
 * members with the access token. Only this test's JVM has the client and its libraries: call it from
 * a {@link ClientTest}, never inside the container, and keep its types out of the test class.
 */
final class GeneratedClient {
    private final ApiClient client;

    GeneratedClient(String baseUri) {
        URI api = URI.create(baseUri);
        client = new ApiClient();
        client.updateBaseUri(api.toString());
    }

    /** Signs in through the generated {@code IdentityApi}; every later call carries the access token. */
    GeneratedClient signIn(String username, String password) throws ApiException {
        String token = new IdentityApi(client).authResourceLogin(new Login().username(username).password(password)).getAccessToken();
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return this;
    }

    /** The search's first page of {@code limit} members whose names match {@code q}. */
    List<Member> search(String q, int limit) throws ApiException {
        MemberResourceSearch200Response page = new RegistryApi(client).memberResourceSearch(q, null, null, null, null, null, null, Integer.toString(limit), null);
        return page.getItems();
    }

    Member member(UUID id) throws ApiException {
        return new RegistryApi(client).memberResourceGet(id, null);
    }

    /**
     * Signs in, searches {@code q} and reads the member the plain HTTP search found first ({@code id},
     * {@code card}, {@code name}): the generated client must decode the same member. Then the same read
     * without a token must fail with the 401 problem.
     */
    static void signInSearchAndRead(String baseUri, String username, String password, String q, String id, String card, String name)
            throws ApiException {
        GeneratedClient c = new GeneratedClient(baseUri).signIn(username, password);
        List<Member> found = c.search(q, 1);
        if (found.size() != 1 || !found.get(0).getId().toString().equals(id)) {
            throw new AssertionError("the generated client's search for " + q + " found " + found + ", the plain search " + id);
        }
        Member m = c.member(UUID.fromString(id));
        if (!m.getId().toString().equals(id) || !card.equals(m.getCardNumber()) || !name.equals(m.getFullName()) || m.getStatus() == null
                || m.getCellId() == null) {
            throw new AssertionError("the generated client read " + m + ", the plain read " + id + " " + card + " " + name);
        }
        try {
            new GeneratedClient(baseUri).member(UUID.fromString(id));
            throw new AssertionError("a read without a token succeeded");
        } catch (ApiException e) {
            if (e.getCode() != 401 || e.getResponseBody() == null || !e.getResponseBody().contains("\"status\":401")) {
                throw new AssertionError("a read without a token: " + e.getCode() + " " + e.getResponseBody());
            }
        }
    }
}
