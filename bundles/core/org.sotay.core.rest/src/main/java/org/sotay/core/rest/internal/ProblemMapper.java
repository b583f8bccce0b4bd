package org.sotay.core.rest.internal;

import java.util.Locale;

import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.sotay.core.api.Api;
import org.sotay.core.api.Problem;
import org.sotay.core.api.SotayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Every exception that leaves a resource becomes {@code application/problem+json}. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
public class ProblemMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    @Context
    HttpHeaders headers;
    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable t) {
        Locale locale = Languages.pick(headers);
        String requestId = MDC.get("requestId");
        String instance = instance();
        SotayException known = Problems.classify(t);
        Problem problem;
        if (known == null) {
            LOG.error("Request {} {} failed", requestId, instance, t);
            problem = Problems.internal(locale, instance, requestId);
        } else {
            if (known.type().status() >= 500) {
                LOG.error("Request {} {} failed: {}", requestId, instance, known.getMessage(), t);
            } else {
                LOG.debug("Request {} {} refused: {}", requestId, instance, known);
            }
            problem = Problems.toProblem(known, locale, instance, requestId);
        }
        return Problems.response(problem, locale, t);
    }

    private String instance() {
        try {
            return uriInfo == null ? null : "/" + Api.BASE_PATH + "/" + uriInfo.getPath(false).replaceFirst("^/", "");
        } catch (RuntimeException e) {
            return null;
        }
    }
}
