package org.sotay.core.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.sotay.core.api.audit.AuditTrail;
import org.sotay.core.api.blobs.BlobStore;
import org.sotay.core.api.events.EventOutbox;
import org.sotay.core.api.jobs.Scheduler;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.persistence.MigrationReport;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.persistence.internal.AuditTrailImpl;
import org.sotay.core.persistence.internal.Blobs;
import org.sotay.core.persistence.internal.Cluster;
import org.sotay.core.persistence.internal.JournalImpl;
import org.sotay.core.persistence.internal.Jdbc;
import org.sotay.core.persistence.internal.MigrationRunner;
import org.sotay.core.persistence.internal.Outbox;
import org.sotay.core.persistence.internal.SchedulerEngine;
import org.sotay.core.persistence.internal.SchedulerView;
import org.sotay.core.persistence.internal.TrackedJobs;

/**
 * The platform's core services outside OSGi, over a fresh database, so a module's service is
 * built with its real constructor and tested in seconds:
 *
 * <pre>
 * try (TestPlatform p = TestPlatform.start()) {
 *     p.migrate("sample", "db/migration/sample");
 *     NoticeServiceImpl notices = new NoticeServiceImpl(p.jpa("sotay-sample"), p.callers(), p.journal(), p.clock(), p.tree());
 *     p.callers().as(TestCallers.caller("staff", Set.of(unit), "sample.notice.write"));
 *     ...
 *     List&lt;Event&gt; delivered = p.deliverEvents();
 * }
 * </pre>
 *
 * What is real: the database (Derby in memory, or PostgreSQL with {@code -Dsotay.test.db=postgresql}),
 * the migrations, EclipseLink with the module's persistence unit, the audit trail, the outbox, the
 * journal, the scheduler (its pools, leases and tracked jobs) and the file store. What stands in: the
 * caller of "the request" ({@link TestCallers}), the clock ({@link TestClock}), Event Admin (events
 * are delivered by {@link #deliverEvents()} to the handlers {@link #handle registered}), and the
 * organization tree ({@link #tree(OrgTree)}, for modules other than the registry).
 */
public final class TestPlatform implements AutoCloseable {
    private final TestDatabase db;
    private final TestClock clock;
    private final TestCallers callers = new TestCallers();
    private final MigrationRunner migrations;
    private final AuditTrailImpl audit;
    private final Outbox outbox;
    private final EventOutbox eventOutbox;
    private final JournalImpl journal;
    private final SchedulerEngine engine;
    private final List<SchedulerView> schedulers = new ArrayList<>();
    private final List<SchedulerEngine> engines = new ArrayList<>();
    private final Blobs blobs;
    private final List<TestJpa> units = new ArrayList<>();
    private final List<Handler> handlers = new CopyOnWriteArrayList<>();
    private final List<Event> delivered = new CopyOnWriteArrayList<>();
    private volatile OrgTree tree;

    private record Handler(Pattern topics, EventHandler handler) {
    }

    private TestPlatform(TestDatabase db, TestClock clock) {
        this.db = db;
        this.clock = clock;
        this.migrations = new MigrationRunner(db);
        migrate("core", "db/migration/core", TestPlatform.class.getClassLoader());
        Jdbc jdbc = new Jdbc(db);
        this.audit = new AuditTrailImpl(db, callers, clock);
        Cluster cluster = new Cluster(jdbc, clock, "test-node");
        try {
            cluster.started("", "");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        this.outbox = new Outbox(db, cluster.node(), clock);
        this.eventOutbox = outbox::publish;
        this.journal = new JournalImpl(audit, eventOutbox);
        this.engine = new SchedulerEngine(cluster, new TrackedJobs(jdbc, clock, cluster), clock);
        this.blobs = new Blobs(jdbc, clock, Blobs.DATABASE, null, 64 * 1024);
    }

    /** A platform on the build's test database, at the current time in Vietnam. */
    public static TestPlatform start() {
        return new TestPlatform(TestDatabase.create(), TestClock.now());
    }

    /** A platform whose clock starts at {@code clock}'s time. */
    public static TestPlatform start(TestClock clock) {
        return new TestPlatform(TestDatabase.create(), clock);
    }

    /** Applies a module's migrations from the classpath ({@code db/migration/<module>}). */
    public MigrationReport migrate(String module, String path) {
        return migrate(module, path, Thread.currentThread().getContextClassLoader());
    }

    private MigrationReport migrate(String module, String path, ClassLoader loader) {
        return migrations.migrate(module, ClasspathMigrations.read(loader, path));
    }

    public TestDatabase database() {
        return db;
    }

    public String dialect() {
        return migrations.dialect();
    }

    /** The persistence unit {@code unit} of the module under test, over this database. */
    public TestJpa jpa(String unit) {
        TestJpa jpa = new TestJpa(unit, db);
        units.add(jpa);
        return jpa;
    }

    public TestClock clock() {
        return clock;
    }

    /** The clock as modules take it. */
    public Clock systemClock() {
        return clock;
    }

    public TestCallers callers() {
        return callers;
    }

    public AuditTrail audit() {
        return audit;
    }

    public EventOutbox outbox() {
        return eventOutbox;
    }

    public Journal journal() {
        return journal;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /** A scheduler view of its own, as one bundle gets it; closed with the platform. */
    public Scheduler scheduler(String owner) {
        SchedulerView view = new SchedulerView(engine, owner);
        schedulers.add(view);
        return view;
    }

    /** A second node over the same database (for cluster tests): its own name, pools and leases. */
    public Scheduler schedulerOfNode(String node, String owner) {
        Jdbc jdbc = new Jdbc(db);
        Cluster cluster = new Cluster(jdbc, clock, node);
        try {
            cluster.started("", "");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        SchedulerEngine other = new SchedulerEngine(cluster, new TrackedJobs(jdbc, clock, cluster), clock);
        engines.add(other);
        SchedulerView view = new SchedulerView(other, owner);
        schedulers.add(view);
        return view;
    }

    /** The organization tree the audit trail and scope filters of other modules use. */
    public void tree(OrgTree t) {
        this.tree = t;
        audit.tree(t);
    }

    public OrgTree tree() {
        return tree;
    }

    /** Handlers that receive delivered events whose topic matches {@code topicPattern} (EventAdmin syntax: {@code org/sotay/registry/*}). */
    public void handle(String topicPattern, EventHandler handler) {
        String regex = Pattern.quote(topicPattern).replace("*\\E", "\\E.*");
        handlers.add(new Handler(Pattern.compile(regex), handler));
    }

    /** Delivers every committed outbox entry now, as the dispatcher would; the events delivered by this call. */
    public List<Event> deliverEvents() {
        List<Event> now = new ArrayList<>();
        try {
            while (outbox.dispatch(e -> {
                now.add(e);
                for (Handler h : handlers) {
                    if (h.topics.matcher(e.getTopic()).matches()) {
                        h.handler.handleEvent(e);
                    }
                }
            }, 200) > 0) {
                // until nothing is due
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        delivered.addAll(now);
        return now;
    }

    /** Every event delivered so far. */
    public List<Event> events() {
        return List.copyOf(delivered);
    }

    /** Runs {@code sql} on a connection of its own (a test's look at the tables). */
    public <T> List<T> query(String sql, Jdbc.Row<T> row, Object... params) {
        try {
            return new Jdbc(db).query(sql, row, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int update(String sql, Object... params) {
        try {
            return new Jdbc(db).update(sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connection in autocommit, closed by the caller. */
    public Connection connection() throws SQLException {
        return db.getConnection();
    }

    @Override
    public void close() {
        schedulers.forEach(SchedulerView::close);
        engine.shutdown();
        engines.forEach(SchedulerEngine::shutdown);
        units.forEach(TestJpa::close);
        db.close();
    }

    /** Properties of an event as a map (for assertions). */
    public static Map<String, Object> properties(Event e) {
        Map<String, Object> out = new java.util.TreeMap<>();
        for (String n : e.getPropertyNames()) {
            out.put(n, e.getProperty(n));
        }
        return out;
    }
}
