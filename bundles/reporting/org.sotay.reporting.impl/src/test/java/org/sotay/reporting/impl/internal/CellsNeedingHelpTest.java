package org.sotay.reporting.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.jobs.JobState;
import org.sotay.core.testing.TestClock;
import org.sotay.meetings.api.AgendaItemDraft;
import org.sotay.meetings.api.AttendanceState;
import org.sotay.meetings.api.Mark;
import org.sotay.meetings.api.Meeting;
import org.sotay.meetings.api.MeetingDraft;
import org.sotay.meetings.api.Minutes;
import org.sotay.meetings.api.MinutesDraft;
import org.sotay.meetings.api.MinutesItemDraft;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.OrgUnit;
import org.sotay.reporting.api.CellNeedingHelp;

/**
 * The cells needing help as the database lists them: the order (the committee above, then the
 * cell's name, in Vietnamese order, then the id), the pages and the total, the filter by reason,
 * and the reasons that depend on the time (the registration deadline, minutes overdue) moving with
 * the clock alone, with no event (the minutes by whole days); the keys follow a rename, and a rebuild
 * corrects nothing.
 */
class CellsNeedingHelpTest {
    private static final String APRIL = "2026-04";
    private ReportingFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void orderPagesTotalFilterAndTheClock() {
        TestClock clock = TestClock.at(LocalDateTime.of(2026, 3, 10, 9, 0));
        f = ReportingFixture.start(clock).withTree().withModules();
        // the fixture's cells: A1 "Chi bộ thôn Nà Tông" and A2 "Chi bộ thôn Bản Khiển" under "Đảng bộ xã Kim Bình",
        // B1 "Chi bộ thôn Nà Va" under "Đảng bộ xã Côn Lôn"
        String aiCom = f.unit("A.1.03", "Chi bộ thôn Ải Cớm", "CELL", f.grassA);
        String don = f.unit("A.1.04", "Chi bộ thôn Dõn", "CELL", f.grassA);
        String dongQuan = f.unit("A.1.05", "Chi bộ thôn Đồng Quân", "CELL", f.grassA);
        String anKhe = f.unit("B.1.02", "Chi bộ thôn Ăn Khê", "CELL", f.grassB);
        String am = f.unit("B.1.03", "Chi bộ thôn Am", "CELL", f.grassB);
        f.ready();
        Member an = f.member(f.cellA1, "Lục Văn An", true);
        f.registry.directory().appInstalled(an.id(), null);
        // registered on 10 March, before the 20 March deadline: A1 (Nà Tông), and Dõn with a document the cell cannot see
        Meeting naTong = f.meetings.meetings().create(new MeetingDraft(f.cellA1, "REGULAR", "Sinh hoạt chi bộ tháng 4", LocalDate.of(2026, 4, 5), "19:30",
                null, null, "Nhà văn hóa thôn Nà Tông", null, null, null, null));
        f.meetings.meetings().create(new MeetingDraft(don, "REGULAR", "Sinh hoạt chi bộ tháng 4", LocalDate.of(2026, 4, 5), "19:30", null, null,
                "Nhà văn hóa thôn Dõn", null, null, List.of(new AgendaItemDraft("Nghị quyết", List.of(UUID.randomUUID().toString()))), null));
        f.settle();

        // 10 March: the deadline has not passed; Dõn's documents are missing
        assertEquals(Map.of(don, Set.of(CellNeedingHelp.DOCUMENTS_LATE)), reasons(page(null, 0, 50)));
        assertEquals(1, page(null, 0, 50).getTotal());
        assertEquals(0, page(CellNeedingHelp.NO_MEETING_REGISTERED, 0, 50).getTotal());

        // 21 March, no event since: every cell that did not register in time needs help now
        clock.set(LocalDateTime.of(2026, 3, 21, 9, 0));
        List<String> expected = List.of(am, anKhe, f.cellB1, aiCom, f.cellA2, don, dongQuan);
        assertEquals(expected, ids(page(null, 0, 50)),
                "by committee (Côn Lôn, Kim Bình), then by name in Vietnamese order (A, Ă, N; Ả before B, D before Đ before N), not by code point");
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 9; offset += 3) {
            Page<CellNeedingHelp> p = page(null, offset, 3);
            assertEquals(7, p.getTotal(), "the total on every page");
            assertEquals(Math.min(3, 7 - offset), p.getItems().size());
            paged.addAll(ids(p));
        }
        assertEquals(expected, paged, "the pages are the list cut in three");
        Page<CellNeedingHelp> past = page(null, 50, 10);
        assertEquals(7, past.getTotal());
        assertTrue(past.getItems().isEmpty(), "a page past the end is empty, with the total");
        Page<CellNeedingHelp> late = page(CellNeedingHelp.NO_MEETING_REGISTERED, 0, 2);
        assertEquals(6, late.getTotal(), "all eight but the two that registered before the deadline");
        assertEquals(List.of(am, anKhe), ids(late));
        assertEquals(List.of(don), ids(page(CellNeedingHelp.DOCUMENTS_LATE, 0, 50)));
        assertEquals(0, page(CellNeedingHelp.NO_INTERNET, 0, 50).getTotal());
        assertEquals(0, page(CellNeedingHelp.NOBODY_INSTALLED, 0, 50).getTotal(), "cells without members are not 'nobody installed'");
        assertEquals(Map.of(am, Set.of(CellNeedingHelp.NO_MEETING_REGISTERED)), reasons(page(null, 0, 1)));
        CellNeedingHelp first = page(null, 0, 1).getItems().get(0);
        assertEquals("Đảng bộ xã Côn Lôn", first.parentName());
        assertEquals("Chi bộ thôn Am", first.cell().name());

        // the meetings of 5 April have no minutes: not missing on the 12th at 9:00 (under 7 days), missing on the 13th
        clock.set(LocalDateTime.of(2026, 4, 12, 9, 0));
        f.settle();
        assertEquals(0, page(CellNeedingHelp.MINUTES_MISSING, 0, 50).getTotal());
        // whole days (the day of the meeting, then 7 more): still not missing late on the 12th, past 19:30 (7 times 24 hours)
        clock.set(LocalDateTime.of(2026, 4, 12, 23, 30));
        assertEquals(0, page(CellNeedingHelp.MINUTES_MISSING, 0, 50).getTotal());
        clock.set(LocalDateTime.of(2026, 4, 13, 0, 5));
        assertEquals(2, page(CellNeedingHelp.MINUTES_MISSING, 0, 50).getTotal(), "missing from the 13th, with no event: the day is kept, not a flag");
        clock.set(LocalDateTime.of(2026, 4, 13, 9, 0));
        assertEquals(List.of(don, f.cellA1), ids(page(CellNeedingHelp.MINUTES_MISSING, 0, 50)), "Kim Bình's Dõn before Nà Tông");
        // Nà Tông meets and approves its minutes: it needs no help any more
        f.meetings.attendance().mark(naTong.id(), List.of(new Mark(an.id(), AttendanceState.PRESENT, null)));
        f.meetings.attendance().recordHeld(naTong.id());
        Minutes draft = f.meetings.minutes().save(naTong.id(), new MinutesDraft(List.of(new MinutesItemDraft(null, "Kiểm điểm tháng 3", List.of(),
                "Đã bàn", List.of())), null, null));
        f.meetings.minutes().approve(naTong.id(), draft.version());
        f.settle();
        assertEquals(List.of(don), ids(page(CellNeedingHelp.MINUTES_MISSING, 0, 50)));
        assertEquals(List.of(am, anKhe, f.cellB1, aiCom, f.cellA2, don, dongQuan), ids(page(null, 0, 50)), "A1 was never in the list after the deadline");

        // Côn Lôn is renamed Yên Hoa (after Kim Bình): its cells go last, without a rebuild
        OrgUnit grassB = f.registry.units().get(f.grassB);
        f.registry.units().rename(f.grassB, "Đảng bộ xã Yên Hoa", LocalDate.of(2026, 4, 13), grassB.version());
        f.settle();
        assertEquals(List.of(aiCom, f.cellA2, don, dongQuan, am, anKhe, f.cellB1), ids(page(null, 0, 50)));
        assertEquals("Đảng bộ xã Yên Hoa", page(null, 6, 1).getItems().get(0).parentName());

        // a district's reader sees its subtree only, in the same order
        f.as(f.readerOf(f.districtA));
        assertEquals(List.of(aiCom, f.cellA2, don, dongQuan), ids(f.reports.cellsNeedingHelp(f.districtA, APRIL, null, PageRequest.first(50))));
        f.as(f.admin());

        // a rebuild finds every key and every flag as the events left them
        JobState rebuilt = f.rebuild();
        assertEquals(JobState.Status.DONE, rebuilt.status(), () -> String.valueOf(rebuilt.error()));
        for (String key : List.of("unitsCorrected", "cellPeriodsCorrected", "activityCorrected", "helpCellsCorrected", "helpCountsCorrected")) {
            assertTrue(rebuilt.result().contains("\"" + key + "\":0"), key + ": " + rebuilt.result());
        }

        // rows written before the keys were kept (a schema upgraded in place) get them from the worker
        f.p.update("UPDATE RPT_UNIT SET NAME_KEY = '', PARENT_KEY = ''");
        assertEquals(f.p.query("SELECT COUNT(*) FROM RPT_UNIT WHERE TO_DAY IS NULL", rs -> rs.getInt(1)).get(0), f.aggregator.aggregation().fillKeys());
        assertEquals(List.of(aiCom, f.cellA2, don, dongQuan, am, anKhe, f.cellB1), ids(page(null, 0, 50)));
        assertEquals(0, f.aggregator.aggregation().fillKeys(), "nothing left to fill");
        assertNull(f.p.query("SELECT UNIT_ID FROM RPT_UNIT WHERE TO_DAY IS NULL AND (NAME_KEY = '' OR PARENT_KEY = '')", rs -> rs.getString(1)).stream()
                .findFirst().orElse(null));

        // a cell counted without internet (written here: the registry's treeAt, reporting's source of the tree, gives every
        // unit's connectivity as UNKNOWN today, so no event can make one) is listed with that reason, and only that one is
        // in the no-internet filter
        f.p.update("UPDATE RPT_UNIT SET OFFLINE_CELLS = 1 WHERE UNIT_ID = ? AND TO_DAY IS NULL", dongQuan);
        // the kept list follows a unit row in the transaction that writes it (Help.refresh); written by hand here, so refreshed by hand
        try (java.sql.Connection c = f.p.connection()) {
            assertEquals(1, Help.refresh(c, List.of(dongQuan), f.p.systemClock().getZone()));
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(List.of(dongQuan), ids(page(CellNeedingHelp.NO_INTERNET, 0, 50)));
        assertEquals(Set.of(CellNeedingHelp.NO_MEETING_REGISTERED, CellNeedingHelp.NO_INTERNET), reasons(page(null, 0, 50)).get(dongQuan));
    }

    private Page<CellNeedingHelp> page(String reason, int offset, int limit) {
        return f.reports.cellsNeedingHelp(f.root, APRIL, reason, PageRequest.of(offset, limit));
    }

    private static List<String> ids(Page<CellNeedingHelp> page) {
        return page.getItems().stream().map(h -> h.cell().id()).toList();
    }

    private static Map<String, Set<String>> reasons(Page<CellNeedingHelp> page) {
        return page.getItems().stream().collect(Collectors.toMap(h -> h.cell().id(), h -> h.reasons().stream().map(n -> n.code()).collect(Collectors.toSet())));
    }
}
