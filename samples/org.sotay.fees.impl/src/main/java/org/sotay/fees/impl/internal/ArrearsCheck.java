package org.sotay.fees.impl.internal;

import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.jobs.Schedule;
import org.sotay.core.api.jobs.Scheduler;

/**
 * Raises the arrears warnings of the cells whose months end without a meeting (a sheet opening checks
 * its own cell at once): once in the cluster, every {@code arrearsCheckMinutes} of PID {@code org.sotay.fees}
 * (read at activation; the platform's scheduler, never a timer of its own).
 */
@Component(configurationPid = FeesConfig.PID)
public class ArrearsCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ArrearsCheck.class);
    private final Scheduler.Handle handle;

    @Activate
    public ArrearsCheck(@Reference FeeServiceImpl fees, @Reference Scheduler scheduler, FeesConfig config) {
        Duration every = Duration.ofMinutes(Math.max(1, config.arrearsCheckMinutes()));
        this.handle = scheduler.schedule(Schedule.onceInCluster("fees.arrears", every).after(Duration.ofMinutes(1)), c -> {
            int raised = fees.sweepArrears();
            if (raised > 0) {
                LOG.info("Party fees: {} arrears warnings raised", raised);
            }
        });
    }

    @Deactivate
    void stop() {
        handle.cancel();
    }
}
