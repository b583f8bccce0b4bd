package org.sotay.reporting.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.jobs.JobState;
import org.sotay.core.testing.TestCallers;
import org.sotay.core.testing.TestClock;
import org.sotay.handbook.api.Audience;
import org.sotay.handbook.api.Item;
import org.sotay.handbook.api.ItemDraft;
import org.sotay.handbook.api.OnBehalfRead;
import org.sotay.handbook.api.ReadReceipt;
import org.sotay.meetings.api.AttendanceState;
import org.sotay.meetings.api.CancelDraft;
import org.sotay.meetings.api.Mark;
import org.sotay.meetings.api.Meeting;
import org.sotay.meetings.api.MeetingDraft;
import org.sotay.meetings.api.Minutes;
import org.sotay.meetings.api.MinutesDraft;
import org.sotay.meetings.api.MinutesItemDraft;
import org.sotay.registry.api.Member;
import org.sotay.reporting.api.ActivityReport;
import org.sotay.reporting.api.AttendanceFigures;
import org.sotay.reporting.api.CellNeedingHelp;
import org.sotay.reporting.api.ReadingReport;
import org.sotay.reporting.api.UnitActivity;

/**
 * Cell activity, attendance, the cells needing help and mandatory reading, kept from the real
 * meetings module's and handbook's events and facts, then rebuilt from scratch without a correction.
 */
class ActivityTest {
    private ReportingFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void theFunnelAttendanceAndTheCellsNeedingHelpFollowTheMeetings() {
        TestClock clock = TestClock.at(LocalDateTime.of(2026, 3, 10, 9, 0));
        f = ReportingFixture.start(clock).withTree().withModules();
        f.ready();
        Member an = f.member(f.cellA1, "Lục Văn An", true);
        Member binh = f.member(f.cellA1, "Hà Thị Bình", true);
        f.member(f.cellA2, "Ma Văn Cường", false);
        f.member(f.cellB1, "Nông Thị Duyên", true);
        f.registry.directory().appInstalled(an.id(), null);
        // cell A1 registers April's meeting on 10 March (before the 20th): on time
        Meeting a1 = f.meetings.meetings().create(new MeetingDraft(f.cellA1, "REGULAR", "Sinh hoạt chi bộ tháng 4", LocalDate.of(2026, 4, 5), "19:30",
                null, null, "Nhà văn hóa thôn Nà Tông", null, null, null, null));
        // cell A2 registers one and cancels it
        Meeting a2 = f.meetings.meetings().create(new MeetingDraft(f.cellA2, "REGULAR", "Sinh hoạt chi bộ tháng 4", LocalDate.of(2026, 4, 7), "19:30",
                null, null, "Nhà văn hóa", null, null, null, null));
        f.meetings.meetings().cancel(a2.id(), new CancelDraft("mưa lũ", a2.version()));
        // cell B1 registers late, on 25 March
        clock.advance(Duration.ofDays(15));
        f.meetings.meetings().create(new MeetingDraft(f.cellB1, "REGULAR", "Sinh hoạt chi bộ tháng 4", LocalDate.of(2026, 4, 6), "19:30", null, null,
                "Nhà văn hóa thôn Nà Va", null, null, null, null));
        // A1 meets: the secretary marks one present and one absent with a reason; the minutes are approved
        clock.set(LocalDateTime.of(2026, 4, 5, 21, 30));
        f.meetings.attendance().mark(a1.id(), List.of(new Mark(an.id(), AttendanceState.PRESENT, null), new Mark(binh.id(), AttendanceState.ABSENT_EXCUSED,
                "ốm")));
        f.meetings.attendance().recordHeld(a1.id());
        Minutes draft = f.meetings.minutes().save(a1.id(), new MinutesDraft(List.of(new MinutesItemDraft(null, "Kiểm điểm tháng 3", List.of(), "Đã bàn",
                List.of())), null, null));
        f.meetings.minutes().approve(a1.id(), draft.version());
        clock.set(LocalDateTime.of(2026, 4, 14, 9, 0));
        f.settle();

        ActivityReport r = f.reports.activity(f.root, "2026-04", false, false);
        UnitActivity root = r.total();
        assertEquals(3, root.cells());
        assertEquals(2, step(root, "registered"), "A1 and B1 registered (A2 cancelled)");
        assertEquals(1, step(root, "on-time"));
        assertEquals(1, step(root, "held"));
        assertEquals(1, step(root, "minutes"));
        assertEquals(1, root.used().numerator(), "used: registered and held (the default)");
        assertEquals(new BigDecimal("33.3"), root.used().percent());
        assertFalse(root.goalReached(), "one cell in three is below the 80% goal");
        assertEquals(List.of("registered", "held"), r.usedSteps());
        UnitActivity a = r.children().stream().filter(c -> c.unit().id().equals(f.districtA)).findFirst().orElseThrow();
        assertEquals(new BigDecimal("50.0"), a.used().percent());
        assertEquals(f.districtB, f.reports.activity(f.root, "2026-04", false, true).children().get(0).unit().id(), "lagging first: B used none");

        AttendanceFigures att = f.reports.attendance(f.root, "2026-04").total().total();
        assertEquals(1, att.meetings());
        assertEquals(1, att.presentOfficial());
        assertEquals(1, att.absentExcused());
        assertEquals(2, att.markedBySecretary(), "both entries were the secretary's marks");

        List<CellNeedingHelp> help = f.reports.cellsNeedingHelp(f.root, "2026-04", null, PageRequest.first(50)).getItems();
        assertEquals(List.of(f.cellA2, f.cellB1), help.stream().map(h -> h.cell().id()).sorted(java.util.Comparator.comparing(List.of(f.cellA2, f.cellB1)::indexOf))
                .toList(), "A1 is fine; A2 had no meeting, B1 registered late and has no minutes a week on");
        CellNeedingHelp b1 = help.stream().filter(h -> h.cell().id().equals(f.cellB1)).findFirst().orElseThrow();
        assertEquals(Set.of(CellNeedingHelp.NO_MEETING_REGISTERED, CellNeedingHelp.MINUTES_MISSING, CellNeedingHelp.NOBODY_INSTALLED),
                Set.copyOf(b1.reasons().stream().map(n -> n.code()).toList()));
        assertEquals(1, f.reports.cellsNeedingHelp(f.root, "2026-04", CellNeedingHelp.MINUTES_MISSING, PageRequest.first(50)).getTotal());
        assertEquals("validation", assertThrows(SotayException.class, () -> f.reports.cellsNeedingHelp(f.root, "2026-04", "lazy", PageRequest.first(5)))
                .type().slug());
        assertEquals("validation", assertThrows(SotayException.class, () -> f.reports.activity(f.root, "999999999-01", false, false)).type().slug());
        assertEquals("validation", assertThrows(SotayException.class, () -> f.reports.activity(f.root, "2026-13", false, false)).type().slug());

        // a reader of district B sees B only
        f.as(f.readerOf(f.districtB));
        assertEquals(1, f.reports.activity(f.districtB, "2026-04", false, false).total().cells());
        assertEquals("not-found", assertThrows(SotayException.class, () -> f.reports.activity(f.districtA, "2026-04", false, false)).type().slug());
        assertEquals("not-found", assertThrows(SotayException.class, () -> f.reports.cellsNeedingHelp(f.root, "2026-04", null, PageRequest.first(5)))
                .type().slug());
        f.as(f.admin());

        // a rebuild from scratch finds nothing to correct
        JobState rebuilt = f.rebuild();
        assertEquals(JobState.Status.DONE, rebuilt.status(), () -> String.valueOf(rebuilt.error()));
        for (String key : List.of("unitsCorrected", "membersCorrected", "meetingsCorrected", "cellPeriodsCorrected", "activityCorrected",
                "attendanceCorrected")) {
            assertTrue(rebuilt.result().contains("\"" + key + "\":0"), key + ": " + rebuilt.result());
        }
        assertTrue(rebuilt.result().contains("\"meetings\":3"), rebuilt.result());
    }

    @Test
    void attendanceOfAnEndedPeriodIsRestatedOnTodaysTree() {
        TestClock clock = TestClock.at(LocalDateTime.of(2026, 3, 10, 9, 0));
        f = ReportingFixture.start(clock).withTree().withModules();
        f.ready();
        Member an = f.member(f.cellA1, "Lục Văn An", true);
        Member cuong = f.member(f.cellA2, "Ma Văn Cường", false);
        Member hoa = f.member(f.cellA2, "Hà Thị Hoa", true);
        Meeting a1 = f.meetings.meetings().create(new MeetingDraft(f.cellA1, "REGULAR", "Sinh hoạt chi bộ tháng 4", LocalDate.of(2026, 4, 5), "19:30",
                null, null, "Nhà văn hóa thôn Nà Tông", null, null, null, null));
        Meeting a2 = f.meetings.meetings().create(new MeetingDraft(f.cellA2, "THEMATIC", "Sinh hoạt chuyên đề tháng 4", LocalDate.of(2026, 4, 7), "19:30",
                null, null, "Nhà văn hóa thôn Bản Khiển", null, null, null, null));
        clock.set(LocalDateTime.of(2026, 4, 7, 21, 30));
        f.meetings.attendance().mark(a1.id(), List.of(new Mark(an.id(), AttendanceState.PRESENT, null)));
        f.meetings.attendance().recordHeld(a1.id());
        f.meetings.attendance().mark(a2.id(), List.of(new Mark(cuong.id(), AttendanceState.PRESENT, null), new Mark(hoa.id(), AttendanceState.ABSENT_EXCUSED,
                "đi công tác")));
        f.meetings.attendance().recordHeld(a2.id());
        f.settle();
        // in May, Bản Khiển (district A) is merged into Nà Va (district B): April ended on the old tree
        clock.set(LocalDateTime.of(2026, 5, 10, 9, 0));
        f.registry.units().merge(f.cellA2, f.cellB1, null, "sáp nhập thôn");
        f.settle();

        org.sotay.reporting.api.AttendanceReport asItWas = f.reports.attendance(f.root, "2026-04", false);
        assertEquals(org.sotay.reporting.api.AdoptionReport.AS_IT_WAS, asItWas.tree());
        assertEquals(2, asItWas.total().total().meetings());
        assertEquals(2, childMeetings(asItWas, f.districtA), "as it was: both meetings in district A");
        assertEquals(0, childMeetings(asItWas, f.districtB));

        org.sotay.reporting.api.AttendanceReport today = f.reports.attendance(f.root, "2026-04", true);
        assertEquals(org.sotay.reporting.api.AdoptionReport.TODAY, today.tree());
        assertEquals(2, today.total().total().meetings(), "the same meetings in all");
        assertEquals(asItWas.total().total(), today.total().total(), "the same figures in all");
        assertEquals(1, childMeetings(today, f.districtA), "restated: Nà Tông's meeting stays in A");
        assertEquals(1, childMeetings(today, f.districtB), "restated: the merged cell's meeting counts where the cell is today");
        AttendanceFigures b = today.children().stream().filter(c -> c.unit().id().equals(f.districtB)).findFirst().orElseThrow().total();
        assertEquals(1, b.presentOfficial());
        assertEquals(1, b.absentExcused());
        assertEquals(List.of("THEMATIC"), today.children().stream().filter(c -> c.unit().id().equals(f.districtB)).findFirst().orElseThrow().byKind()
                .stream().map(AttendanceFigures::kind).toList());
        // at the district: B restated holds the merged cell's meeting; the closed cell has no row today
        assertEquals(0, f.reports.attendance(f.districtB, "2026-04", false).total().total().meetings());
        assertEquals(1, f.reports.attendance(f.districtB, "2026-04", true).total().total().meetings());
        assertEquals(1, f.reports.attendance(f.districtA, "2026-04", true).total().total().meetings());
        // a running period is on today's tree either way
        assertEquals(org.sotay.reporting.api.AdoptionReport.AS_IT_WAS, f.reports.attendance(f.root, "2026-05", true).tree());
        // a reader of district B sees B's restated figures and not A's
        f.as(f.readerOf(f.districtB));
        assertEquals(1, f.reports.attendance(f.districtB, "2026-04", true).total().total().meetings());
        assertEquals("not-found", assertThrows(SotayException.class, () -> f.reports.attendance(f.districtA, "2026-04", true)).type().slug());
        assertEquals("not-found", assertThrows(SotayException.class, () -> f.reports.attendance(f.root, "2026-04", true)).type().slug());
    }

    private static long childMeetings(org.sotay.reporting.api.AttendanceReport r, String unitId) {
        return r.children().stream().filter(c -> c.unit().id().equals(unitId)).findFirst().orElseThrow().total().meetings();
    }

    @Test
    void mandatoryReadingCountsSelfServiceAndOnBehalfApart() {
        TestClock clock = TestClock.at(LocalDateTime.of(2026, 3, 10, 9, 0));
        f = ReportingFixture.start(clock).withTree().withModules();
        f.ready();
        Member an = f.member(f.cellA1, "Lục Văn An", true);
        Member binh = f.member(f.cellA1, "Hà Thị Bình", false);
        f.member(f.cellA2, "Ma Văn Cường", true);
        f.member(f.cellB1, "Nông Thị Duyên", true);
        Item item = f.handbook.editor().create(new ItemDraft("resolution", null, "Nghị quyết số 12-NQ/TU về chuyển đổi số", "Tóm tắt", "## Nội dung\n\nHọc tập.",
                List.of(), "Tỉnh ủy", "12-NQ/TU", null, f.root, new Audience(List.of(f.districtA), List.of()), true, LocalDate.of(2026, 4, 30), null));
        item = f.handbook.editor().publish(item.id(), null, item.version());
        f.settle();
        String id = item.id();
        f.as(TestCallers.member("an", an.id(), Map.of("handbook.read", Set.of(f.cellA1))));
        f.handbook.reading().read(id, new ReadReceipt(id, "phone-1", null));
        f.as(f.admin());
        f.handbook.reading().readOnBehalf(id, new OnBehalfRead(binh.id(), "đọc cho nghe tại buổi sinh hoạt", null, "sec-1"));
        f.settle();

        ReadingReport a = f.reports.reading(f.districtA, id);
        assertEquals(3, a.total().audience());
        assertEquals(1, a.total().selfReads());
        assertEquals(1, a.total().onBehalfReads());
        assertEquals(new BigDecimal("66.7"), a.total().read().percent());
        assertEquals(new BigDecimal("50.0"), a.total().onBehalf().percent(), "half of the reads were recorded on a member's behalf");
        ReadingReport root = f.reports.reading(f.root, id);
        assertEquals(3, root.total().audience(), "only district A is addressed");
        assertEquals(0, root.children().stream().filter(c -> c.unit().id().equals(f.districtB)).findFirst().orElseThrow().audience());
        assertEquals(1, f.reports.mandatoryItems(f.cellA1).size());
        assertEquals(0, f.reports.mandatoryItems(f.cellB1).size());
        assertEquals("not-found", assertThrows(SotayException.class, () -> f.reports.reading(f.cellB1, id)).type().slug());

        JobState rebuilt = f.rebuild();
        for (String key : List.of("itemsCorrected", "readsCorrected", "readSumsCorrected")) {
            assertTrue(rebuilt.result().contains("\"" + key + "\":0"), key + ": " + rebuilt.result());
        }
        assertTrue(rebuilt.result().contains("\"items\":1"), rebuilt.result());
    }

    private static long step(UnitActivity a, String code) {
        return a.steps().stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow().cells();
    }
}
