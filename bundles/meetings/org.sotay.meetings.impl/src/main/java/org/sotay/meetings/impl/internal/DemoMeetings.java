package org.sotay.meetings.impl.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.audit.AuditTrail;
import org.sotay.core.api.blobs.BlobStore;
import org.sotay.core.api.health.HealthIndicator;
import org.sotay.core.api.health.HealthResult;
import org.sotay.core.api.jobs.JobState;
import org.sotay.core.api.jobs.Schedule;
import org.sotay.core.api.jobs.Scheduler;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.OrgUnitService;

/**
 * The demo province's meeting history (off unless {@code etc/org.sotay.meetings.demo.cfg} exists, as
 * {@code ./run} writes it for its demo instance). Waits until the registry, through its API, holds the
 * demo province, then writes the history once ({@link DemoHistory}) as the tracked job
 * {@code meetings.demo}, started by one node of the cluster. Health "meetings-demo" is UP while it
 * waits and loads (the platform serves meanwhile) and says what was written; DOWN only if the job failed.
 */
@Component(service = HealthIndicator.class, immediate = true, configurationPid = DemoMeetings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DemoMeetings.Config.class)
public class DemoMeetings implements HealthIndicator {
    static final String PID = "org.sotay.meetings.demo";
    static final String KIND = "meetings.demo";
    private static final Logger LOG = LoggerFactory.getLogger(DemoMeetings.class);

    @ObjectClassDefinition(id = PID, name = "Sotay demo meeting history", description = "Meeting history for the demo province (never on a production instance)")
    @interface Config {
        @AttributeDefinition(description = "Random seed: the same seed and registry make the same history")
        long seed() default 20240525L;

        @AttributeDefinition(description = "Share of cells, in percent, that registered a pattern and held meetings in Sotay (the seed: about one in five)")
        int activePercent() default 20;

        @AttributeDefinition(description = "How many months back the history starts (it runs up to the current month)")
        int months() default 6;
    }

    private final DemoHistory history;
    private final Scheduler scheduler;
    private final Scheduler.Handle waiting;
    private volatile String jobId;
    private volatile String state = "waiting for the demo province in the registry";
    private volatile String failure;

    @Activate
    public DemoMeetings(Config config, @Reference MeetingsSchema schema, @Reference(target = "(osgi.unit.name=sotay-meetings)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Journal journal, @Reference Clock clock, @Reference OrgTree tree,
            @Reference MeetingsSettings settings, @Reference Roster roster, @Reference Documents documents, @Reference BlobStore blobs,
            @Reference MemberService members, @Reference OrgUnitService units, @Reference AuditTrail audit, @Reference Scheduler scheduler) {
        ReplayClock replay = new ReplayClock(clock);
        Context c = new Context(jpa, callers, journal, replay, tree, settings, roster, documents, blobs);
        this.history = new DemoHistory(c, replay, new MeetingServiceImpl(c), new AttendanceServiceImpl(c), new MinutesServiceImpl(c), members, units,
                audit, new DemoHistory.Plan(config.seed(), Math.max(0, Math.min(100, config.activePercent())), Math.max(1, Math.min(12, config.months()))));
        this.scheduler = scheduler;
        this.waiting = scheduler.schedule(Schedule.onceInCluster("meetings.demo-wait", Duration.ofSeconds(3)).after(Duration.ofSeconds(2)), control -> {
            Optional<String> root;
            try {
                root = history.registryReady();
            } catch (RuntimeException e) {
                // the registry's demo still loading holds its locks: look again shortly
                LOG.debug("Demo meetings: the registry is not readable yet: {}", e.toString());
                return;
            }
            if (root.isEmpty()) {
                return;
            }
            String r = root.get();
            JobState job = scheduler.start(KIND, DemoHistory.SUBJECT, progress -> {
                state = "loading";
                try {
                    DemoHistory.Result result = history.run(r, progress);
                    state = result.alreadyLoaded() ? "loaded on an earlier start (anchored on " + result.anchor() + ")" : "loaded";
                    if (!result.alreadyLoaded()) {
                        LOG.info("Đã tạo lịch sử sinh hoạt mẫu / Demo meeting history written: {}", result.json());
                    }
                    return result.json();
                } catch (RuntimeException e) {
                    LOG.error("Không tạo được lịch sử sinh hoạt mẫu / The demo meeting history could not be written", e);
                    failure = "demo meetings failed; see the log (a restart resumes it)";
                    throw e;
                }
            });
            jobId = job.id();
            control.stop();
        });
    }

    @Deactivate
    void stop() {
        waiting.cancel();
    }

    @Override
    public String name() {
        return "meetings-demo";
    }

    @Override
    public HealthResult check() {
        if (failure != null) {
            return HealthResult.down(failure);
        }
        String id = jobId;
        if (id == null) {
            return HealthResult.up(Map.of("demo", state));
        }
        Optional<JobState> job = scheduler.job(id);
        if (job.isEmpty()) {
            return HealthResult.up(Map.of("demo", state, "job", id));
        }
        JobState j = job.get();
        if (j.status() == JobState.Status.DONE && j.result() != null) {
            return HealthResult.up(Map.of("demo", state, "job", id, "result", j.result()));
        }
        return HealthResult.up(Map.of("demo", state, "job", id, "progress", j.done() + "/" + j.total() + " cells"));
    }
}
