package org.sotay.core.rest.internal;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Puts {@link ProblemErrorHandler} on the web server. Pax Web adds every {@link Handler} service
 * to its Jetty server, which is how this component gets hold of the server; it never handles a
 * request itself. When the bundle stops, the server gets its previous error handler back.
 */
@Component(service = Handler.class)
public class ProblemErrorPages extends AbstractHandler {
    private Server installedOn;
    private ErrorHandler previous;

    @Override
    public synchronized void setServer(Server server) {
        super.setServer(server);
        if (server != null && server != installedOn) {
            restore();
            previous = server.getErrorHandler();
            ProblemErrorHandler errors = new ProblemErrorHandler();
            // first, while it is not started: the server starts it when it takes it (if the server is starting or
            // running), and then setting the server again is a no-op instead of an IllegalStateException
            errors.setServer(server);
            server.setErrorHandler(errors);
            installedOn = server;
        }
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response) {
        // not a request handler: it only puts the error handler on the server
    }

    @Deactivate
    synchronized void restore() {
        if (installedOn != null && installedOn.getErrorHandler() instanceof ProblemErrorHandler) {
            installedOn.setErrorHandler(previous != null ? previous : new ErrorHandler());
        }
        installedOn = null;
        previous = null;
    }
}
