package org.sotay.reporting.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.health.HealthIndicator;
import org.sotay.core.api.health.HealthResult;
import org.sotay.core.api.jobs.JobState;
import org.sotay.core.api.jobs.Schedule;
import org.sotay.core.api.jobs.Scheduler;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.handbook.api.facts.ReadingFacts;
import org.sotay.meetings.api.facts.MeetingFacts;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.OrgUnitService;

/**
 * The worker that keeps the figures: once in the cluster (the lease {@code reporting.aggregate}),
 * every few seconds and at once when an event arrives on this node, it drains the inbox. It pauses
 * while a rebuild runs (on any node), and starts one when reporting has no figures yet and the
 * registry has a tree (a new deployment, the demo province, reporting installed later).
 */
@Component(service = { Aggregator.class, HealthIndicator.class }, immediate = true)
public class Aggregator implements HealthIndicator {
    static final String REBUILD_KIND = "reporting.rebuild";
    private static final Logger LOG = LoggerFactory.getLogger(Aggregator.class);

    private final JpaTemplate jpa;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Aggregation aggregation;
    private final Source source;
    private final Scheduler.Handle worker;
    private volatile int failures;
    private volatile String lastError;
    private volatile long lastRoundMs;
    private volatile long applied;
    private volatile long lastSettleMs;
    private volatile boolean keysChecked;
    private volatile MeetingFacts meetingFacts;
    private volatile ReadingFacts readingFacts;

    @Activate
    public Aggregator(@Reference ReportingSchema schema, @Reference(target = "(osgi.unit.name=sotay-reporting)") JpaTemplate jpa,
            @Reference OrgUnitService units, @Reference MemberService members, @Reference CallerContext callers, @Reference OrgTree tree,
            @Reference Clock clock, @Reference Scheduler scheduler) {
        this(jpa, new Source(units, members, callers, tree), clock, scheduler, true);
    }

    /** Outside OSGi: the tests drive {@link #round()} themselves when {@code schedule} is false, and bind the sources they have. */
    Aggregator(JpaTemplate jpa, Source source, Clock clock, Scheduler scheduler, boolean schedule) {
        this.jpa = jpa;
        this.scheduler = scheduler;
        this.clock = clock;
        this.source = source;
        this.aggregation = new Aggregation(jpa, source, clock, () -> meetingFacts, () -> readingFacts);
        this.worker = schedule ? scheduler.schedule(Schedule.onceInCluster("reporting.aggregate", Duration.ofSeconds(5)).after(Duration.ofSeconds(2)),
                c -> {
                    try {
                        while (!c.cancelled() && round() >= Aggregation.ROUND) {
                            // a full round: more is waiting
                        }
                        failures = 0;
                    } catch (RuntimeException e) {
                        failures++;
                        lastError = e.toString();
                        throw e;
                    } finally {
                        lastRoundMs = clock.millis();
                    }
                }) : null;
    }

    /** The meetings module, when installed: its meetings' facts (cell activity and attendance). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindMeetings(MeetingFacts facts) {
        this.meetingFacts = facts;
    }

    void unbindMeetings(MeetingFacts facts) {
        if (this.meetingFacts == facts) {
            this.meetingFacts = null;
        }
    }

    /** The handbook, when installed: mandatory items and their reads. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindReadings(ReadingFacts facts) {
        this.readingFacts = facts;
    }

    void unbindReadings(ReadingFacts facts) {
        if (this.readingFacts == facts) {
            this.readingFacts = null;
        }
    }

    @Deactivate
    void stop() {
        if (worker != null) {
            worker.cancel();
        }
    }

    /** There is new work in the inbox: run soon on this node (if it holds the lease; otherwise the holder's period picks it up). */
    void poke() {
        if (worker != null) {
            worker.runSoon();
        }
    }

    /** One round: nothing while a rebuild runs; the first build when there are no figures; else the inbox. Returns the entries applied. */
    int round() {
        if (rebuilding().isPresent()) {
            return 0;
        }
        if (empty() && !source.roots().isEmpty()) {
            LOG.info("Báo cáo chưa có số liệu: dựng lại từ sổ đăng ký / Reporting has no figures yet: rebuilding them from the registry");
            rebuild("reporting");
            return 0;
        }
        if (!keysChecked) {
            aggregation.fillKeys();
            aggregation.fillHelp();
            keysChecked = true;
        }
        int n = aggregation.drain();
        applied += n;
        long now = clock.millis();
        if (n < Aggregation.ROUND && now - lastSettleMs >= 60_000) {
            aggregation.settle();
            lastSettleMs = now;
        }
        return n;
    }

    @Override
    public String name() {
        return "reporting";
    }

    /** Down after three failed rounds in a row (the worker cannot keep the figures); the last round and what it did otherwise. */
    @Override
    public HealthResult check() {
        if (failures >= 3) {
            return HealthResult.down("reporting: the last " + failures + " rounds failed: " + lastError);
        }
        java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("lastRound", lastRoundMs == 0 ? "not on this node (another node holds reporting.aggregate)" : java.time.Instant.ofEpochMilli(lastRoundMs).toString());
        details.put("entriesApplied", applied);
        return HealthResult.up(details);
    }

    Aggregation aggregation() {
        return aggregation;
    }

    /** Starts a rebuild unless one runs already (on any node), which is then the answer. */
    JobState rebuild(String owner) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<JobState> running = rebuilding();
            if (running.isPresent()) {
                return running.get();
            }
            String claim = "claim:" + UUID.randomUUID();
            if (setState(null, claim)) {
                try {
                    JobState job = scheduler.start(REBUILD_KIND, owner, progress -> {
                        try {
                            return aggregation.rebuild(progress);
                        } finally {
                            clearState();
                        }
                    });
                    setState(claim, job.id());
                    return scheduler.job(job.id()).orElse(job);
                } catch (RuntimeException e) {
                    clearState();
                    throw e;
                }
            }
        }
        return rebuilding().orElseThrow(() -> new IllegalStateException("reporting: the rebuild state is contended"));
    }

    Optional<JobState> job(String id) {
        return scheduler.job(id).filter(j -> REBUILD_KIND.equals(j.kind()));
    }

    /** The rebuild running now, on any node; a claim or a job that ended (or whose node died) is cleared. */
    Optional<JobState> rebuilding() {
        String value = state();
        if (value == null) {
            return Optional.empty();
        }
        if (value.startsWith("claim:")) {
            return Optional.empty(); // being started on some node; its start sets the job id within milliseconds
        }
        Optional<JobState> job = scheduler.job(value);
        if (job.isPresent() && job.get().status() == JobState.Status.RUNNING) {
            return job;
        }
        setState(value, null);
        return Optional.empty();
    }

    private boolean empty() {
        return jpa.txExpr(TransactionType.Required, em -> Aggregation.sql(() -> {
            try (PreparedStatement ps = Aggregation.connection(em).prepareStatement("SELECT COUNT(*) FROM RPT_UNIT"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        }));
    }

    private String state() {
        return jpa.txExpr(TransactionType.Required, em -> {
            StateEntity s = em.find(StateEntity.class, "rebuild");
            return s == null ? null : s.value;
        });
    }

    /** Compare-and-set of the rebuild state in the database (so two nodes cannot both start one). */
    private boolean setState(String expected, String value) {
        return jpa.txExpr(TransactionType.Required, em -> Aggregation.sql(() -> {
            Connection c = Aggregation.connection(em);
            String sql = "UPDATE RPT_STATE SET VAL = ?, UPDATED_MS = ? WHERE NAME = 'rebuild' AND " + (expected == null ? "VAL IS NULL" : "VAL = ?");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, value);
                ps.setLong(2, clock.millis());
                if (expected != null) {
                    ps.setString(3, expected);
                }
                return ps.executeUpdate() == 1;
            }
        }));
    }

    private void clearState() {
        jpa.tx(TransactionType.Required, em -> Aggregation.sql(() -> {
            try (PreparedStatement ps = Aggregation.connection(em).prepareStatement("UPDATE RPT_STATE SET VAL = NULL, UPDATED_MS = ? WHERE NAME = 'rebuild'")) {
                ps.setLong(1, clock.millis());
                ps.executeUpdate();
            }
            return null;
        }));
    }
}
