package org.sotay.core.rest.internal;

import javax.servlet.ServletRequest;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Puts {@link ProblemErrorHandler} on the web server, so that what Jetty refuses by itself (a
 * request line or headers too large, an address outside {@code /api}) is problem+json too.
 * {@link EdgeFilter} hands it each request, and the first one tells it the server; when the
 * bundle stops, the server gets its previous error handler back.
 *
 * <p>It is deliberately not a Jetty {@code Handler} service: Pax Web restarts its whole server
 * controller for every {@code Handler} service that appears, and one appearing while Karaf starts
 * bundles from its cache raced Pax Web's own reconfiguration into a deadlock (Aries' JAX-RS
 * registry against Pax Web's whiteboard lock), so a restarted node never served {@code /api}.
 */
final class ProblemErrorPages {
    private volatile Server installedOn;
    private ErrorHandler previous;

    /** Installs the error pages on the server that serves {@code request}, once per server. */
    void seen(ServletRequest request) {
        Request base = Request.getBaseRequest(request);
        if (base == null || base.getHttpChannel() == null) {
            return;
        }
        Server server = base.getHttpChannel().getServer();
        if (server != null && server != installedOn) {
            installOn(server);
        }
    }

    synchronized void installOn(Server server) {
        if (server == installedOn) {
            return;
        }
        restore();
        previous = server.getErrorHandler();
        ProblemErrorHandler errors = new ProblemErrorHandler();
        // first, while it is not started: the server starts it when it takes it (if the server is starting or
        // running), and then setting the server again is a no-op instead of an IllegalStateException
        errors.setServer(server);
        server.setErrorHandler(errors);
        installedOn = server;
    }

    synchronized void restore() {
        Server server = installedOn;
        if (server != null && server.getErrorHandler() instanceof ProblemErrorHandler) {
            server.setErrorHandler(previous != null ? previous : new ErrorHandler());
        }
        installedOn = null;
        previous = null;
    }
}
