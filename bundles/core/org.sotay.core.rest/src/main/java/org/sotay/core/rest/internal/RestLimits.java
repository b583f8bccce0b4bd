package org.sotay.core.rest.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

/**
 * The request size limit of {@link RestConfig}, for {@link EdgeFilter}. A component of its own
 * because DS copies a component's configuration into its service properties: a servlet filter
 * configured directly would be re-registered by Pax Web at every change of the limit, and requests
 * in that moment would find the filter "unavailable".
 */
@Component(service = RestLimits.class, configurationPid = RestConfig.PID)
public class RestLimits {
    private volatile long maxRequestBytes;

    @Activate
    @Modified
    void configure(RestConfig config) {
        maxRequestBytes = config.maxRequestBytes();
    }

    long maxRequestBytes() {
        return maxRequestBytes;
    }
}
