package org.sotay.core.rest.internal;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.sotay.core.api.Api;

/**
 * The one JAX-RS application of the platform, served at {@code /api}. It has no resources of
 * its own: every module's resources and this bundle's extensions join it on the whiteboard by
 * selecting {@link Api#APPLICATION_SELECT}, so installing a module adds its endpoints and
 * removing it takes them away while the rest keeps serving.
 */
@Component(service = Application.class)
@JaxrsApplicationBase(Api.BASE_PATH)
@JaxrsName(Api.APPLICATION_NAME)
public class SotayApplication extends Application {
}
