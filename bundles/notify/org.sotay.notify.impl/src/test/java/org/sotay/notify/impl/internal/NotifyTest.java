package org.sotay.notify.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.jobs.Schedule;
import org.sotay.core.api.jobs.Scheduler;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.testing.TestCallers;
import org.sotay.core.testing.TestClock;
import org.sotay.core.testing.TestConfig;
import org.sotay.core.testing.TestJpa;
import org.sotay.core.testing.TestPlatform;
import org.sotay.identity.api.recipients.Recipients;
import org.sotay.notify.api.Delivery;
import org.sotay.notify.api.Inbox;
import org.sotay.notify.spi.NotificationChannel;
import org.sotay.notify.spi.Outgoing;

/**
 * Notify over the fast harness: events of other modules (built as the outbox delivers them, by topic
 * and property names only) become inbox messages once; reminders before meetings; close-the-loop
 * reminders after them, once, with two schedulers racing; deliveries retried with back-off.
 */
class NotifyTest {
    static final OrgTree TREE = new OrgTree() {
        @Override
        public List<String> lineage(String unitId) {
            return switch (unitId == null ? "" : unitId) {
            case "root" -> List.of("root");
            case "district" -> List.of("root", "district");
            case "cell" -> List.of("root", "district", "cell");
            case "cell-2" -> List.of("root", "district", "cell-2");
            default -> List.of();
            };
        }

        @Override
        public List<String> roots() {
            return List.of("root");
        }
    };

    /** identity's Recipients, as a stand-in behind its API: members of each cell, the secretary of each cell, the district's staff. */
    static final Recipients RECIPIENTS = new Recipients() {
        @Override
        public List<String> holding(String permission, String unitId, boolean exactly) {
            return switch (unitId) {
            case "cell" -> List.of("secretary-1");
            case "cell-2" -> List.of("secretary-2");
            case "district" -> List.of("district-staff");
            default -> List.of();
            };
        }

        @Override
        public List<String> membersOf(String unitId) {
            return switch (unitId) {
            case "cell" -> List.of("member-a", "member-b");
            case "cell-2" -> List.of("member-c");
            default -> List.of();
            };
        }
    };

    private TestPlatform p;
    private TestJpa jpa;
    private Channels channels;
    private Consumer consumer;
    private Jobs jobs;
    private InboxServiceImpl inbox;

    private void start(Map<String, ?> config) {
        p = TestPlatform.start(TestClock.at(LocalDateTime.of(2026, 12, 1, 8, 0)));
        p.migrate("notify", "db/migration/notify");
        p.tree(TREE);
        jpa = p.jpa("sotay-notify");
        NotifySettings settings = NotifySettings.of(TestConfig.of(NotifyConfig.class, config));
        channels = new Channels();
        Messages messages = new Messages(settings, p.systemClock());
        consumer = new Consumer(jpa, RECIPIENTS, TREE, messages, p.systemClock());
        jobs = new Jobs(jpa, RECIPIENTS, TREE, messages, settings, channels, p.systemClock());
        inbox = new InboxServiceImpl(jpa, p.callers(), TREE, p.journal(), p.systemClock());
    }

    @BeforeEach
    void fresh() {
        start(Map.of());
    }

    @AfterEach
    void stop() {
        p.close();
    }

    private static long ms(LocalDateTime local) {
        return local.atZone(TestClock.VIETNAM).toInstant().toEpochMilli();
    }

    /** A meetings event as the outbox delivers it. */
    private static Event meeting(String topic, String id, String cell, LocalDateTime start, int sequence) {
        Map<String, Object> props = new HashMap<>();
        props.put("eventId", UUID.randomUUID().toString());
        props.put("id", id);
        props.put("units", new String[] { cell });
        props.put("title", "Sinh hoạt chi bộ tháng 12");
        props.put("startMs", ms(start));
        props.put("endMs", ms(start.plusMinutes(90)));
        props.put("sequence", sequence);
        return new Event("org/sotay/meetings/meeting/" + topic, props);
    }

    private Inbox of(String account) {
        p.callers().as(TestCallers.caller(account, Set.of()));
        return inbox.inbox(0, 200);
    }

    private long messages(String kind) {
        return p.query("SELECT COUNT(*) FROM NTF_MESSAGE WHERE KIND = ?", rs -> rs.getLong(1), kind).get(0);
    }

    @Test
    void eventsBecomeMessagesOnceAndAClientPollsByCursor() {
        Event scheduled = meeting("SCHEDULED", "m1", "cell", LocalDateTime.of(2026, 12, 5, 19, 30), 0);
        consumer.handle(scheduled);
        consumer.handle(scheduled); // delivered twice by the outbox: once in the inbox
        Inbox a = of("member-a");
        assertEquals(1, a.items().size());
        assertEquals("meeting.scheduled", a.items().get(0).kind());
        assertTrue(a.items().get(0).body().contains("19:30 ngày 05/12/2026"), a.items().get(0).body());
        assertTrue(a.items().get(0).bodyEn().contains("2026-12-05 at 19:30"));
        assertEquals(1, a.unread());
        assertEquals("meeting.scheduled.committee", of("district-staff").items().get(0).kind(), "the upper committee is told");
        assertEquals(List.of(), of("secretary-2").items());

        String before = inbox.version();
        p.callers().as(TestCallers.caller("member-a", Set.of()));
        Inbox none = inbox.inbox(a.cursor(), 50);
        assertEquals(List.of(), none.items(), "nothing after the cursor");
        assertEquals(a.cursor(), none.cursor());
        consumer.handle(meeting("MOVED", "m1", "cell", LocalDateTime.of(2026, 12, 6, 19, 30), 1));
        Inbox delta = inbox.inbox(a.cursor(), 50);
        assertEquals(List.of("meeting.moved"), delta.items().stream().map(n -> n.kind()).toList());
        assertNotEquals(before, inbox.version());
        String afterMove = inbox.version();
        inbox.markRead(delta.items().get(0).id());
        assertNotEquals(afterMove, inbox.version(), "a read changes the version (the ETag)");
        assertEquals(1, inbox.inbox(0, 50).unread());
        assertEquals(1, inbox.markAllRead(Long.MAX_VALUE / 2));
        // an older event arriving late does not move the meeting back
        consumer.handle(meeting("SCHEDULED", "m1", "cell", LocalDateTime.of(2026, 12, 5, 19, 30), 0));
        assertEquals(ms(LocalDateTime.of(2026, 12, 6, 19, 30)), p.query("SELECT START_MS FROM NTF_MEETING WHERE MEETING_ID = 'm1'",
                rs -> rs.getLong(1)).get(0));

        Map<String, Object> published = new HashMap<>();
        published.put("eventId", UUID.randomUUID().toString());
        published.put("id", "item-1");
        published.put("units", new String[] { "district" });
        published.put("title", "Chỉ thị 50-CT/TW");
        published.put("mandatory", Boolean.TRUE);
        published.put("deadline", "2026-12-20");
        consumer.handle(new Event("org/sotay/handbook/item/PUBLISHED", published));
        assertEquals(0, of("district-staff").items().stream().filter(n -> n.kind().equals("handbook.mandatory")).count());
        published.put("eventId", UUID.randomUUID().toString());
        published.put("units", new String[] { "cell", "cell-2" });
        consumer.handle(new Event("org/sotay/handbook/item/PUBLISHED", published));
        assertEquals(3, messages("handbook.mandatory"), "the members of the audience");
        consumer.handle(new Event("org/sotay/handbook/feedback/ANSWERED", Map.of("eventId", UUID.randomUUID().toString(), "id", "fb-1",
                "accountId", "member-c")));
        assertEquals("handbook.feedback-answered", of("member-c").items().stream().reduce((x, y) -> y).orElseThrow().kind());
    }

    @Test
    void remindersComeOnceAtEachOffsetAndAgainWhenTheMeetingMoves() {
        consumer.handle(meeting("SCHEDULED", "m1", "cell", LocalDateTime.of(2026, 12, 5, 19, 30), 0));
        assertEquals(0, jobs.remind(), "four days ahead: not yet");
        p.clock().set(LocalDateTime.of(2026, 12, 4, 20, 0));
        assertEquals(1, jobs.remind());
        assertEquals(0, jobs.remind(), "once");
        p.clock().set(LocalDateTime.of(2026, 12, 5, 18, 0));
        assertEquals(1, jobs.remind(), "two hours before");
        assertEquals(4, messages("meeting.reminder"), "two members, twice");
        consumer.handle(meeting("MOVED", "m1", "cell", LocalDateTime.of(2026, 12, 5, 19, 0), 1));
        assertEquals(1, jobs.remind(), "the new time is reminded again (both offsets are due at once: one message)");
        assertEquals(6, messages("meeting.reminder"));
        consumer.handle(meeting("CANCELLED", "m1", "cell", LocalDateTime.of(2026, 12, 5, 19, 0), 2));
        p.clock().set(LocalDateTime.of(2026, 12, 5, 18, 30));
        assertEquals(0, jobs.remind(), "a cancelled meeting is not reminded");
    }

    @Test
    void closeTheLoopRemindsTheSecretaryAfterThreeDaysAndTheCommitteeOnceAfterSevenOnATwoSchedulerRace() {
        consumer.handle(meeting("SCHEDULED", "m1", "cell", LocalDateTime.of(2026, 12, 5, 19, 30), 0));
        consumer.handle(meeting("SCHEDULED", "m2", "cell-2", LocalDateTime.of(2026, 12, 6, 8, 0), 0));
        consumer.handle(meeting("SCHEDULED", "m3", "cell-2", LocalDateTime.of(2026, 12, 3, 8, 0), 0));
        consumer.handle(meeting("MINUTES_APPROVED", "m3", "cell-2", LocalDateTime.of(2026, 12, 3, 8, 0), 0)); // m3 was recorded: never nagged
        AtomicInteger runs = new AtomicInteger();
        List<String> nodes = new CopyOnWriteArrayList<>();
        Scheduler a = p.scheduler("notify");
        Scheduler b = p.schedulerOfNode("node-b", "notify");
        Schedule s = Schedule.onceInCluster("notify.close-the-loop", Duration.ofMillis(40));
        a.schedule(s, c -> {
            jobs.closeTheLoop();
            runs.incrementAndGet();
            nodes.add("a");
        });
        b.schedule(s, c -> {
            jobs.closeTheLoop();
            runs.incrementAndGet();
            nodes.add("b");
        });
        await("some runs", () -> runs.get() >= 5);
        assertEquals(0, messages("meeting.close-the-loop"), "not 3 days yet");

        p.clock().set(LocalDateTime.of(2026, 12, 8, 22, 0)); // 3 days after m1 ended, not after m2
        int r1 = runs.get();
        await("the nudge", () -> messages("meeting.close-the-loop") >= 1);
        await("more runs", () -> runs.get() >= r1 + 10);
        assertEquals(1, messages("meeting.close-the-loop"));
        assertEquals("meeting.close-the-loop", of("secretary-1").items().get(0).kind());
        p.clock().set(LocalDateTime.of(2026, 12, 9, 12, 0));
        int r2 = runs.get();
        await("the second nudge", () -> messages("meeting.close-the-loop") >= 2);
        await("more runs", () -> runs.get() >= r2 + 10);
        assertEquals(2, messages("meeting.close-the-loop"), "m2's secretary, once");
        assertEquals(0, messages("meeting.late-summary"));

        p.clock().set(LocalDateTime.of(2026, 12, 13, 12, 0)); // 7 days after both
        int r3 = runs.get();
        await("the summary", () -> messages("meeting.late-summary") >= 1);
        await("more runs", () -> runs.get() >= r3 + 10);
        assertEquals(1, messages("meeting.late-summary"), "one collective summary, not one per cell, and once");
        Inbox staff = of("district-staff");
        var summary = staff.items().stream().filter(n -> n.kind().equals("meeting.late-summary")).findFirst().orElseThrow();
        assertTrue(summary.title().startsWith("2 chi bộ"), summary.title());
        assertEquals(2, summary.body().lines().count(), summary.body());
        assertEquals(2, messages("meeting.close-the-loop"));
        assertTrue(nodes.contains("a") || nodes.contains("b"));
    }

    @Test
    void deliveriesAreRetriedWithBackOffAFailingChannelBlocksNothingAndFailuresShow() {
        p.close();
        start(Map.of("channels", new String[] { "meeting.*=sms;push" }, "maxAttempts", 3, "retryBaseSeconds", 60));
        AtomicInteger smsCalls = new AtomicInteger();
        List<Outgoing> pushed = new CopyOnWriteArrayList<>();
        channels.add(new NotificationChannel() {
            @Override
            public String id() {
                return "sms";
            }

            @Override
            public void send(Outgoing message) throws Exception {
                smsCalls.incrementAndGet();
                throw new java.io.IOException("the SMS gateway answers 503");
            }
        });
        channels.add(new NotificationChannel() {
            @Override
            public String id() {
                return "push";
            }

            @Override
            public void send(Outgoing message) {
                pushed.add(message);
            }
        });
        consumer.handle(meeting("SCHEDULED", "m1", "cell", LocalDateTime.of(2026, 12, 5, 19, 30), 0));
        assertEquals(2, of("member-a").items().size() + of("member-b").items().size(), "the inbox does not wait for any channel");
        assertEquals(3, jobs.deliver(), "push to the two members and the district's staff");
        assertEquals(3, pushed.size());
        assertEquals(3, smsCalls.get());
        assertEquals(0, jobs.deliver(), "nothing due before the back-off");
        p.clock().advance(Duration.ofSeconds(61));
        jobs.deliver();
        p.clock().advance(Duration.ofSeconds(121));
        jobs.deliver();
        assertEquals(9, smsCalls.get(), "three attempts each");
        p.callers().as(TestCallers.caller("admin", Set.of("root"), "notify.manage"));
        var failed = inbox.failures(PageRequest.first(50));
        assertEquals(3, failed.getTotal());
        assertEquals(Delivery.State.FAILED, failed.getItems().get(0).state());
        assertTrue(failed.getItems().get(0).lastError().contains("503"));
        p.callers().as(TestCallers.caller("other-staff", Set.of("nowhere"), "notify.manage"));
        assertEquals(0, inbox.failures(PageRequest.first(50)).getTotal(), "within the caller's scope only");
        p.callers().as(TestCallers.caller("admin", Set.of("root"), "notify.manage"));
        assertEquals(Delivery.State.PENDING, inbox.retry(failed.getItems().get(0).id()).state());
        jobs.deliver();
        assertEquals(10, smsCalls.get());
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
