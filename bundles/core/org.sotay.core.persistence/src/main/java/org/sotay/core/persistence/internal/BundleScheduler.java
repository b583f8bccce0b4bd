package org.sotay.core.persistence.internal;

import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.sotay.core.api.jobs.Scheduler;

/**
 * The {@link Scheduler} as each bundle gets it: a bundle-scoped service, so the instance is the
 * bundle's own and is deactivated when the bundle releases it (it stops, it is swapped), which
 * cancels everything that bundle scheduled.
 */
@Component(service = Scheduler.class, scope = ServiceScope.BUNDLE)
public class BundleScheduler extends SchedulerView {
    @Activate
    public BundleScheduler(ComponentContext context, @Reference SchedulerService service) {
        super(service.engine(), name(context.getUsingBundle()));
    }

    private static String name(Bundle b) {
        return b == null ? "unknown bundle" : b.getSymbolicName();
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
