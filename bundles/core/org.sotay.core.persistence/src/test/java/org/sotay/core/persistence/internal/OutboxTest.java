package org.sotay.core.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.sotay.core.api.events.EventOutbox;

/** The outbox on a real database (in-memory Derby, or PostgreSQL), with the core migrations applied. */
class OutboxTest {
    private DataSource ds;

    @BeforeEach
    void freshDatabase() throws Exception {
        ds = CoreDb.fresh("outbox");
    }

    private void publish(boolean commit, String topic, Map<String, ?> props) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            new Outbox(ds, "node-0", Clock.systemUTC()).publish(c, topic, props);
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
        }
    }

    @Test
    void onlyCommittedEventsAreDeliveredWithTheirPropertiesAndAnId() throws Exception {
        publish(true, "org/sotay/test/A", Map.of("id", "m1", "units", new String[] { "u1", "u2" }, "n", 3L));
        publish(false, "org/sotay/test/B", Map.of("id", "rolled back"));
        List<Event> seen = new ArrayList<>();
        assertEquals(1, new Outbox(ds, "node-1", Clock.systemUTC()).dispatch(seen::add, 100));
        Event e = seen.get(0);
        assertEquals("org/sotay/test/A", e.getTopic());
        assertEquals("m1", e.getProperty("id"));
        assertArrayEquals(new String[] { "u1", "u2" }, (String[]) e.getProperty("units"));
        assertEquals(3, ((Number) e.getProperty("n")).intValue());
        assertEquals(36, ((String) e.getProperty(EventOutbox.EVENT_ID)).length());
        // delivered once: nothing left
        assertEquals(0, new Outbox(ds, "node-1", Clock.systemUTC()).dispatch(seen::add, 100));
        assertEquals(1, seen.size());
    }

    @Test
    void aFailedDeliveryIsRetriedLater() throws Exception {
        publish(true, "org/sotay/test/A", Map.of("id", "m1"));
        Outbox outbox = new Outbox(ds, "node-1", Clock.systemUTC());
        assertEquals(0, outbox.dispatch(e -> {
            throw new IllegalStateException("handler down");
        }, 100));
        // released for a retry a few seconds later, not before
        List<Event> seen = new ArrayList<>();
        assertEquals(0, outbox.dispatch(seen::add, 100));
        try (Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate("UPDATE CORE_OUTBOX SET CLAIMED_UNTIL_MS = 0");
        }
        assertEquals(1, outbox.dispatch(seen::add, 100));
    }

    @Test
    void twoNodesDeliverEachEntryOnce() throws Exception {
        int n = 300;
        for (int i = 0; i < n; i++) {
            publish(true, "org/sotay/test/E", Map.of("i", Integer.toString(i)));
        }
        List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> nodes = new ArrayList<>();
        for (String node : new String[] { "node-1", "node-2" }) {
            nodes.add(pool.submit(() -> {
                Outbox o = new Outbox(ds, node, Clock.systemUTC());
                start.await();
                int total = 0;
                int got;
                do {
                    got = o.dispatch(e -> delivered.add((String) e.getProperty("i")), 50);
                    total += got;
                } while (got > 0);
                return total;
            }));
        }
        start.countDown();
        int sum = 0;
        for (Future<Integer> f : nodes) {
            sum += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        Set<String> unique = new HashSet<>(delivered);
        assertEquals(n, delivered.size(), "no entry delivered twice");
        assertEquals(n, unique.size());
        assertEquals(n, sum);
        assertTrue(nodes.get(0).get() + nodes.get(1).get() == n);
    }
}
