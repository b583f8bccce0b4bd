package org.sotay.meetings.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.testing.TestCallers;
import org.sotay.core.testing.TestClock;
import org.sotay.core.testing.TestConfig;
import org.sotay.core.testing.TestJpa;
import org.sotay.core.testing.TestPlatform;
import org.sotay.meetings.api.AttendanceState;
import org.sotay.meetings.api.MarkSource;
import org.sotay.meetings.api.Meeting;
import org.sotay.meetings.api.MeetingEvents;
import org.sotay.meetings.api.MeetingQuery;
import org.sotay.meetings.api.MeetingStatus;
import org.sotay.meetings.api.MinutesState;
import org.sotay.meetings.api.Roll;
import org.sotay.meetings.api.Standing;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.impl.internal.RegistryHarness;

/**
 * The demo history on the real registry's demo province (3,000 members here; {@code -Ddemo.members=57597}
 * for the full province, whose load time the operators' guide quotes), through the real meetings
 * services on the harness: its shape is the seed's, and a second run adds nothing.
 */
class DemoHistoryTest {
    private static final long SEED = 20240525L;
    private TestPlatform p;

    @AfterEach
    void stop() {
        if (p != null) {
            p.close();
        }
    }

    private DemoHistory history(RegistryHarness registry) {
        TestJpa jpa = p.jpa("sotay-meetings");
        MeetingsSettings settings = MeetingsSettings.of(TestConfig.of(MeetingsConfig.class, Map.of()));
        Roster roster = new Roster(registry.members(), p.callers(), jpa, settings);
        ReplayClock replay = new ReplayClock(p.systemClock());
        Context c = new Context(jpa, p.callers(), p.journal(), replay, registry.tree(), settings, roster, Documents.of(null), p.blobs());
        return new DemoHistory(c, replay, new MeetingServiceImpl(c), new AttendanceServiceImpl(c), new MinutesServiceImpl(c), registry.members(),
                registry.units(), p.audit(), new DemoHistory.Plan(SEED, 20, 6));
    }

    @Test
    void theDemoProvinceGetsTheSeedsMeetingHistoryOnce() throws Exception {
        p = TestPlatform.start(TestClock.at(LocalDateTime.of(2026, 12, 2, 10, 0)));
        p.migrate("meetings", "db/migration/meetings");
        RegistryHarness registry = RegistryHarness.on(p);
        int size = Integer.getInteger("demo.members", 3_000);
        RegistryHarness.Demo demo = registry.demo(p, size, SEED);
        DemoHistory history = history(registry);
        String root = history.registryReady().orElseThrow();
        assertEquals(demo.rootId(), root);

        long t0 = System.nanoTime();
        DemoHistory.Result r = history.run(root, (phase, done, total) -> {
        });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("demo meeting history on " + size + " members (" + p.dialect() + "): " + ms + " ms, " + r.json());
        assertFalse(r.alreadyLoaded());
        assertEquals(LocalDate.of(2026, 12, 2), r.anchor());
        assertEquals(demo.cells(), r.cells());
        double share = (double) r.activeCells() / r.cells();
        assertTrue(share > 0.14 && share < 0.26, "about one cell in five uses the handbook for its meetings: " + share);
        assertEquals(r.activeCells(), r.patterns(), "every active cell set its pattern");

        // what the services answer, as the province's staff
        p.callers().as(TestCallers.caller("staff@root", Map.of("meetings.*", Set.of(root), "registry.read", Set.of(root))));
        List<Meeting> all = new ArrayList<>();
        for (int offset = 0;; offset += 200) {
            Page<Meeting> page = new MeetingServiceImpl(contextOf(registry)).list(new MeetingQuery(root, null, null, null), PageRequest.of(offset, 200));
            all.addAll(page.getItems());
            if (page.getNextOffset() == null) {
                break;
            }
        }
        assertEquals(r.meetings(), all.size());
        Set<String> cellsWithMeetings = new HashSet<>();
        all.forEach(m -> cellsWithMeetings.add(m.unitId()));
        assertEquals(r.activeCells(), cellsWithMeetings.size(), "most cells never registered a meeting; the active ones did");
        assertTrue(all.size() >= r.activeCells() * 5, "about six months of meetings per active cell: " + all.size());
        assertTrue(all.stream().allMatch(m -> !m.date().isBefore(LocalDate.of(2026, 6, 1)) && !m.date().isAfter(LocalDate.of(2026, 12, 31))));
        long onTime = all.stream().filter(Meeting::registeredBeforeDeadline).count();
        long late = all.stream().filter(m -> !m.registeredBeforeDeadline() && !m.recordedLate()).count();
        long afterwards = all.stream().filter(Meeting::recordedLate).count();
        assertEquals(r.onTime(), onTime);
        assertTrue(onTime > all.size() / 3 && late > 0 && afterwards > 0, onTime + " on time, " + late + " late, " + afterwards + " recorded afterwards");
        Map<MinutesState, Integer> minutes = new HashMap<>();
        all.stream().filter(m -> m.status() == MeetingStatus.HELD).forEach(m -> minutes.merge(m.minutes(), 1, Integer::sum));
        long held = all.stream().filter(m -> m.status() == MeetingStatus.HELD).count();
        assertEquals(r.held(), held);
        assertTrue(minutes.getOrDefault(MinutesState.APPROVED, 0) > held / 2, "minutes approved for most held meetings: " + minutes);
        assertTrue(minutes.getOrDefault(MinutesState.PAPER, 0) > 0 && minutes.get(MinutesState.PAPER) < held / 4, "a few on paper only: " + minutes);
        assertTrue(minutes.getOrDefault(MinutesState.NONE, 0) > 0, "some held meetings have no minutes: " + minutes);
        assertTrue(all.stream().anyMatch(m -> m.status() == MeetingStatus.SCHEDULED && m.start().isBefore(p.systemClock().instant())),
                "some meetings were registered and never recorded (close-the-loop has something to say)");

        // a roll: the secretary marked most, some checked in themselves, absences by name with a reason
        AttendanceServiceImpl attendance = new AttendanceServiceImpl(contextOf(registry));
        int bySecretary = 0;
        int self = 0;
        int excused = 0;
        int elderlyPresentBySecretary = 0;
        Map<String, Member> people = new HashMap<>();
        for (Meeting m : all.stream().filter(m -> m.status() == MeetingStatus.HELD && m.minutes() != MinutesState.PAPER).limit(60).toList()) {
            Roll roll = attendance.roll(m.id());
            bySecretary += roll.markedBySecretary();
            self += roll.selfCheckIns();
            excused += roll.absentWithReason().size();
            assertTrue(roll.absentWithReason().stream().allMatch(e -> e.reason() != null && !e.reason().isBlank()));
            long notExpected = roll.entries().stream().filter(e -> e.state() == AttendanceState.UNMARKED && e.standing() != Standing.ACTIVE).count();
            assertEquals(roll.entries().size(), roll.members().total());
            assertEquals(roll.members().total(), roll.present().total() + roll.absentExcused() + roll.absentUnexcused() + roll.unmarked() + notExpected,
                    "the roll adds up (exempt and away members not marked are not expected)");
            for (var e : roll.entries()) {
                if (e.state() == AttendanceState.PRESENT && e.source() == MarkSource.SECRETARY && e.standing() != Standing.EXEMPT) {
                    Member who = people.computeIfAbsent(e.memberId(), registry.members()::get);
                    if (!who.usesSmartphone() || who.dateOfBirth().plusYears(70).isBefore(m.date())) {
                        elderlyPresentBySecretary++;
                    }
                }
            }
        }
        assertTrue(bySecretary > self && self > 0, bySecretary + " marked by the secretary, " + self + " checked in themselves");
        assertTrue(excused > 0);
        assertTrue(elderlyPresentBySecretary > 0, "elderly members without a phone were marked present by the secretary");

        // the demo secretary's cell (identity's demo: the first official member with a smartphone) is an active one
        Member first = registry.members().search(new MemberQuery(null, null, MemberStatus.OFFICIAL, true, null, null), PageRequest.of(0, 1))
                .getItems().get(0);
        assertEquals(first.cellId(), r.secretaryCell());
        assertTrue(cellsWithMeetings.contains(first.cellId()));

        // the events went through the outbox, as for any secretary
        List<Event> events = p.deliverEvents();
        Map<String, Integer> topics = new HashMap<>();
        events.forEach(e -> topics.merge(e.getTopic(), 1, Integer::sum));
        assertEquals(r.meetings(), topics.get(MeetingEvents.SCHEDULED));
        assertEquals(r.held(), topics.get(MeetingEvents.HELD));
        assertEquals(r.paperOnly(), topics.get(MeetingEvents.RECORDED_ON_PAPER));
        assertEquals(r.approved(), topics.get(MeetingEvents.MINUTES_APPROVED));

        // a second run (a restart) adds nothing
        DemoHistory.Result again = history(registry).run(root, (phase, done, total) -> {
        });
        assertTrue(again.alreadyLoaded());
        assertEquals(r.anchor(), again.anchor());
        assertEquals(all.size(), new MeetingServiceImpl(contextOf(registry)).list(new MeetingQuery(root, null, null, null), PageRequest.of(0, 1))
                .getTotal());
        assertTrue(p.deliverEvents().isEmpty());
    }

    private Context contextOf(RegistryHarness registry) {
        TestJpa jpa = p.jpa("sotay-meetings");
        MeetingsSettings settings = MeetingsSettings.of(TestConfig.of(MeetingsConfig.class, Map.of()));
        return new Context(jpa, p.callers(), p.journal(), p.systemClock(), registry.tree(), settings, new Roster(registry.members(), p.callers(), jpa,
                settings), Documents.of(null), p.blobs());
    }

    @Test
    void aRunCutOffResumesOnItsDayAndEndsWithTheSameHistory() throws Exception {
        long uninterrupted = meetingsOfAnUninterruptedRun();
        p = TestPlatform.start(TestClock.at(LocalDateTime.of(2026, 12, 2, 10, 0)));
        p.migrate("meetings", "db/migration/meetings");
        RegistryHarness registry = RegistryHarness.on(p);
        registry.demo(p, 3_000, SEED);
        String root = history(registry).registryReady().orElseThrow();
        // the instance stops while the sixth cell is about to be written
        RuntimeException stopped = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> history(registry).run(root,
                (phase, done, total) -> {
                    if ("writing".equals(phase) && done == 5) {
                        throw new IllegalStateException("stopped");
                    }
                }));
        assertEquals("stopped", stopped.getMessage());
        p.callers().as(TestCallers.caller("staff@root", Map.of("meetings.*", Set.of(root), "registry.read", Set.of(root))));
        long before = new MeetingServiceImpl(contextOf(registry)).list(new MeetingQuery(root, null, null, null), PageRequest.of(0, 1)).getTotal();
        assertTrue(before > 0);

        // it starts again a few minutes later: the history keeps its anchor day, the cells done are left alone
        p.clock().set(LocalDateTime.of(2026, 12, 2, 10, 5));
        DemoHistory.Result resumed = history(registry).run(root, (phase, done, total) -> {
        });
        assertFalse(resumed.alreadyLoaded());
        assertEquals(LocalDate.of(2026, 12, 2), resumed.anchor());
        long after = new MeetingServiceImpl(contextOf(registry)).list(new MeetingQuery(root, null, null, null), PageRequest.of(0, 1)).getTotal();
        assertEquals(before + resumed.meetings(), after);
        assertEquals(uninterrupted, after, "the same history as a run never cut off");
        assertEquals(resumed.activeCells() - 5, resumed.patterns(), "the five cells written before the stop keep their pattern");
        assertTrue(history(registry).run(root, (phase, done, total) -> {
        }).alreadyLoaded());
    }

    private long meetingsOfAnUninterruptedRun() throws Exception {
        p = TestPlatform.start(TestClock.at(LocalDateTime.of(2026, 12, 2, 10, 0)));
        p.migrate("meetings", "db/migration/meetings");
        RegistryHarness registry = RegistryHarness.on(p);
        registry.demo(p, 3_000, SEED);
        DemoHistory.Result r = history(registry).run(history(registry).registryReady().orElseThrow(), (phase, done, total) -> {
        });
        p.close();
        p = null;
        return r.meetings();
    }
}
