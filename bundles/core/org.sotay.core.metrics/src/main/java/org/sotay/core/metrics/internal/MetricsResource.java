package org.sotay.core.metrics.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.sotay.core.api.Api;
import org.sotay.core.api.Returns;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.PublicEndpoint;

/**
 * {@code GET /api/v1/metrics}: this node's metrics in the Prometheus text format. Readable by a
 * signed-in caller holding {@code metrics.read}, or by a scraper sending the bearer token whose
 * SHA-256 the operator configured ({@code scrapeTokenSha256}); nobody else (401). No token is
 * configured out of the box.
 */
@Component(service = MetricsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("v1/metrics")
public class MetricsResource {
    /** The permission of a signed-in caller who may read the metrics. */
    static final String READ = "metrics.read";
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    private final Metrics metrics;
    private final CallerContext callers;

    @Activate
    public MetricsResource(@Reference Metrics metrics, @Reference CallerContext callers) {
        this.metrics = metrics;
        this.callers = callers;
    }

    @GET
    @PublicEndpoint // the scrape token is checked here: a scraper holds no account
    @Produces(TEXT_FORMAT)
    @Returns(value = String.class, mediaType = "text/plain", description = "The metrics in the Prometheus text format 0.0.4")
    public Response scrape(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (!callers.current().has(READ) && !scraper(authorization)) {
            throw new SotayException(org.sotay.core.api.ProblemType.UNAUTHORIZED, Text.of(
                    "Cần tài khoản có quyền metrics.read hoặc mã thu thập (scrape token) đã cấu hình.",
                    "An account holding metrics.read, or the configured scrape token, is needed."));
        }
        return Response.ok(metrics.scrape(), TEXT_FORMAT).header("Cache-Control", "no-store").build();
    }

    private boolean scraper(String authorization) {
        String expected = metrics.config().scrapeTokenSha256().strip().toLowerCase(Locale.ROOT);
        if (expected.length() != 64 || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(sha256(authorization.substring(7).strip()).getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII));
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
