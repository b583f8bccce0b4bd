package org.sotay.reporting.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.jobs.JobState;
import org.sotay.core.testing.TestClock;
import org.sotay.core.testing.TestCallers;
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
import org.sotay.meetings.api.MeetingQuery;
import org.sotay.meetings.api.Minutes;
import org.sotay.meetings.api.MinutesDraft;
import org.sotay.meetings.api.MinutesItemDraft;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberDraft;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.api.OrgUnit;
import org.sotay.registry.api.StatusChange;
import org.sotay.registry.api.TransferDraft;
import org.sotay.registry.api.TransferKind;
import org.sotay.registry.api.UnitDraft;
import org.sotay.reporting.api.CellNeedingHelp;

/**
 * The figures kept from events are exactly those a rebuild from scratch gives, after a random mix
 * (fixed seed) of several hundred operations on the real registry, meetings module and handbook:
 * creations, edits, installs and account registrations, status changes, transfers, imports, new
 * cells, merges, splits and moves; meetings registered, recorded late, cancelled, held and with
 * minutes approved; mandatory items published and read, by members and on their behalf; over several
 * days, with the worker sometimes running after each change and sometimes after many.
 */
class RebuildTest {
    private static final long SEED = 20261202L;
    private static final int OPERATIONS = 600;
    private ReportingFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void figuresKeptFromEventsEqualARebuildFromScratch() {
        TestClock clock = TestClock.at(LocalDateTime.of(2026, 1, 5, 8, 0));
        f = ReportingFixture.start(clock).withTree().withModules();
        f.ready();
        Random random = new Random(SEED);
        List<String> cells = new ArrayList<>(List.of(f.cellA1, f.cellA2, f.cellB1));
        List<String> grassroots = new ArrayList<>(List.of(f.grassA, f.grassB));
        List<String> districts = List.of(f.districtA, f.districtB);
        int[] done = new int[17];
        List<String> items = new ArrayList<>();
        int refused = 0;
        int next = 100;
        for (int i = 0; i < OPERATIONS; i++) {
            int op = i < 30 ? 0 : random.nextInt(17);
            try {
                switch (op) {
                    case 0 -> f.member(pick(random, cells), name(random), random.nextBoolean());
                    case 1 -> {
                        Member m = anyMember(random);
                        if (m != null) {
                            f.registry.members().update(m.id(), new MemberDraft(m.cardNumber(), m.fullName(), m.dateOfBirth(), m.gender(),
                                    m.ethnicity(), m.dateAdmitted(), m.dateOfficial(), m.cellId(), m.residenceUnitId(), m.phone(), m.email(),
                                    !m.usesSmartphone(), m.version()));
                        }
                    }
                    case 2 -> {
                        Member m = anyMember(random);
                        if (m != null) {
                            if (random.nextBoolean()) {
                                f.registry.directory().appInstalled(m.id(), null);
                            } else {
                                f.registry.directory().accountRegistered(m.id(), null);
                            }
                        }
                    }
                    case 3 -> {
                        Member m = anyMember(random);
                        if (m != null) {
                            MemberStatus s = List.of(MemberStatus.EXEMPT, MemberStatus.OFFICIAL, MemberStatus.SUSPENDED, MemberStatus.LEFT)
                                    .get(random.nextInt(4));
                            f.registry.members().changeStatus(m.id(), new StatusChange(s, null, "lý do " + i, m.version()));
                        }
                    }
                    case 4 -> {
                        Member m = anyMember(random);
                        if (m != null) {
                            f.registry.members().transfer(m.id(), new TransferDraft(pick(random, cells), TransferKind.OFFICIAL, null, null,
                                    "chuyển " + i, m.version()));
                        }
                    }
                    case 5 -> {
                        StringBuilder csv = new StringBuilder("Số thẻ,Họ và tên,Ngày sinh,Giới tính,Ngày vào Đảng,Ngày chính thức,Mã chi bộ,Dùng điện thoại thông minh\n");
                        int rows = 1 + random.nextInt(5);
                        for (int k = 0; k < rows; k++) {
                            String cell = pick(random, cells);
                            String code = f.registry.units().get(cell).code();
                            csv.append(String.format("09%08d", next++)).append(',').append(name(random))
                                    .append(",02/05/1975,Nữ,01/03/2000,01/03/2001,").append(code).append(',').append(random.nextBoolean() ? "có" : "không")
                                    .append('\n');
                        }
                        f.registry.imports().importCsv(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), false);
                    }
                    case 6 -> cells.add(f.unit("N" + i, "Chi bộ mới " + i, "CELL", pick(random, grassroots)));
                    case 7 -> {
                        if (cells.size() > 3) {
                            String source = cells.remove(random.nextInt(cells.size()));
                            f.registry.units().merge(source, pick(random, cells), null, "sáp nhập " + i);
                        }
                    }
                    case 8 -> {
                        String source = pick(random, cells);
                        List<String> moving = new ArrayList<>();
                        f.registry.members().search(new MemberQuery(null, source, null, null, null, null), org.sotay.core.api.PageRequest.first(50))
                                .getItems().forEach(m -> {
                                    if (random.nextBoolean()) {
                                        moving.add(m.id());
                                    }
                                });
                        if (!moving.isEmpty()) {
                            OrgUnit created = f.registry.units().split(source, new UnitDraft("S" + i, "Chi bộ tách " + i, null, null, null, null, null),
                                    moving, List.of(), null, "tách " + i);
                            cells.add(created.id());
                        }
                    }
                    case 9 -> {
                        String g = pick(random, grassroots);
                        OrgUnit u = f.registry.units().get(g);
                        String to = districts.get(districts.get(0).equals(u.parentId()) ? 1 : 0);
                        f.registry.units().move(g, to, null, u.version());
                    }
                    case 10 -> clock.advance(Duration.ofHours(9 + random.nextInt(30)));
                    case 11 -> {
                        // a meeting this month, next month, or one held last month and recorded late
                        LocalDate day = LocalDate.now(clock).plusDays(random.nextInt(60) - 30);
                        f.meetings.meetings().create(new MeetingDraft(pick(random, cells), "REGULAR", "Sinh hoạt chi bộ " + i, day,
                                String.format("%02d:%02d", 7 + random.nextInt(12), random.nextBoolean() ? 0 : 30), null, null, "Nhà văn hóa", null, null,
                                null, null));
                    }
                    case 12 -> {
                        Meeting m = anyMeeting(random);
                        if (m != null) {
                            f.meetings.meetings().cancel(m.id(), new CancelDraft("hoãn " + i, m.version()));
                        }
                    }
                    case 13 -> {
                        Meeting m = anyMeeting(random);
                        if (m != null) {
                            List<Mark> marks = new ArrayList<>();
                            f.registry.members().search(new MemberQuery(null, m.unitId(), null, null, null, null), org.sotay.core.api.PageRequest.first(20))
                                    .getItems().forEach(x -> marks.add(new Mark(x.id(), List.of(AttendanceState.values()).get(random.nextInt(3)), "lý do")));
                            if (!marks.isEmpty()) {
                                f.meetings.attendance().mark(m.id(), marks);
                            }
                            f.meetings.attendance().recordHeld(m.id());
                        }
                    }
                    case 14 -> {
                        Meeting m = anyMeeting(random);
                        if (m != null) {
                            Minutes d = f.meetings.minutes().save(m.id(), new MinutesDraft(List.of(new MinutesItemDraft(null, "Nội dung " + i, List.of(),
                                    "Kết luận", List.of())), null, null));
                            f.meetings.minutes().approve(m.id(), d.version());
                        }
                    }
                    case 15 -> {
                        String unit = pick(random, List.of(f.root, f.districtA, f.districtB, f.grassA, pick(random, cells)));
                        Item item = f.handbook.editor().create(new ItemDraft("directive", null, "Chỉ thị số " + i, null, "Nội dung chỉ thị.", List.of(),
                                "Tỉnh ủy", null, null, f.root, new Audience(List.of(unit), List.of()), true, LocalDate.now(clock).plusDays(30), null));
                        f.handbook.editor().publish(item.id(), null, item.version());
                        items.add(item.id());
                    }
                    default -> {
                        Member m = anyMember(random);
                        if (m != null && !items.isEmpty()) {
                            String item = pick(random, items);
                            if (random.nextBoolean()) {
                                f.as(TestCallers.member("m-" + m.id(), m.id(), Map.of("handbook.read", Set.of(m.cellId()))));
                                try {
                                    f.handbook.reading().read(item, new ReadReceipt(item, "c" + i, null));
                                } finally {
                                    f.as(f.admin());
                                }
                            } else {
                                f.handbook.reading().readOnBehalf(item, new OnBehalfRead(m.id(), "đọc hộ", null, "b" + i));
                            }
                        }
                    }
                }
                done[op]++;
            } catch (SotayException e) {
                refused++; // a change the registry refuses (a status that cannot follow, a merge across types, ...) changes nothing
            }
            if (random.nextInt(4) == 0) {
                f.settle();
            }
        }
        f.settle();
        assertTrue(Arrays.stream(done).allMatch(n -> n > 0), () -> "every kind of operation ran: " + Arrays.toString(done));
        assertTrue(refused < OPERATIONS / 3, "most operations were applied: " + refused + " refused");

        Map<String, long[]> truth = f.fromRegistry();
        Map<String, long[]> kept = f.kept();
        assertEquals(truth.keySet(), kept.keySet(), "the same open units");
        truth.forEach((unit, v) -> assertEquals(Arrays.toString(v), Arrays.toString(kept.get(unit)), "unit " + unit));
        Map<String, String> before = f.snapshot();
        int listsChecked = helpAsComputed(LocalDate.now(clock));
        assertTrue(listsChecked > 100, "lists of cells needing help compared: " + listsChecked);
        List<String> helpBefore = helpRows();
        assertTrue(helpBefore.size() > 20, "cells needing help were kept: " + helpBefore.size());
        // the worker's next round and a second pass over every cell find nothing to change (applied twice, the same)
        f.settle();
        assertEquals(0, f.p.query("SELECT COUNT(*) FROM RPT_INBOX", rs -> rs.getInt(1)).get(0));
        assertEquals(helpBefore, helpRows(), "the kept list, counts and periods after another round");

        JobState rebuilt = f.rebuild();
        assertEquals(JobState.Status.DONE, rebuilt.status(), () -> String.valueOf(rebuilt.error()));
        for (String key : List.of("membersCorrected", "unitsCorrected", "meetingsCorrected", "cellPeriodsCorrected", "activityCorrected",
                "attendanceCorrected", "itemsCorrected", "readsCorrected", "readSumsCorrected", "helpCellsCorrected", "helpCountsCorrected")) {
            assertTrue(rebuilt.result().contains("\"" + key + "\":0"), key + ": " + rebuilt.result());
        }
        long meetingsKept = f.p.query("SELECT COUNT(*) FROM RPT_MEETING", rs -> rs.getLong(1)).get(0);
        long readsKept = f.p.query("SELECT COUNT(*) FROM RPT_READ", rs -> rs.getLong(1)).get(0);
        assertTrue(meetingsKept > 10 && readsKept > 3, "meetings and reads were counted: " + meetingsKept + ", " + readsKept);
        assertEquals(before, f.snapshot(), "a rebuild from scratch changes nothing");
        List<String> helpAfter = helpRows();
        assertEquals(helpBefore, helpAfter, () -> "a rebuild from scratch keeps the same cells needing help, counts and periods; only before: "
                + helpBefore.stream().filter(r -> !helpAfter.contains(r)).toList() + ", only after: " + helpAfter.stream().filter(r -> !helpBefore.contains(r)).toList());
        // the clock moves on by weeks with no event: the deadline passes for next month, minutes fall overdue; the kept rows still answer
        clock.advance(Duration.ofDays(20));
        helpAsComputed(LocalDate.now(clock));
        long history = f.p.query("SELECT COUNT(*) FROM RPT_UNIT WHERE TO_DAY IS NOT NULL", rs -> rs.getLong(1)).get(0);
        assertTrue(history > 0, "past days are kept as they were");
        assertEquals(Set.of(), Set.copyOf(f.p.query("SELECT ITEM FROM RPT_INBOX", rs -> rs.getString(1))), "the inbox is drained");
    }

    /** Every row of the kept cells needing help (list, periods, counts), as text. */
    private List<String> helpRows() {
        List<String> out = new ArrayList<>();
        out.addAll(f.p.query("SELECT UNIT_ID, CELL_ID, PARENT_KEY, NAME_KEY, NOBODY_INSTALLED, NO_INTERNET FROM RPT_HELP_CELL",
                rs -> "cell " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " " + rs.getInt(5) + rs.getInt(6)));
        out.addAll(f.p.query("SELECT CELL_ID, PERIOD, LATE, DOCS_LATE, MINUTES_DAY FROM RPT_HELP_PERIOD",
                rs -> "period " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3) + rs.getInt(4) + " " + rs.getObject(5)));
        out.addAll(f.p.query("SELECT UNIT_ID, PERIOD, NOBODY_INSTALLED, NO_INTERNET, LATE, DOCS_LATE, MINUTES_DAY, CELLS FROM RPT_HELP_COUNT",
                rs -> "count " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3) + rs.getInt(4) + rs.getInt(5) + rs.getInt(6) + " "
                        + rs.getInt(7) + " = " + rs.getLong(8)));
        java.util.Collections.sort(out);
        return out;
    }

    /**
     * The cells needing help of every open unit, in every period with meetings and the next one, for every
     * reason and none, computed here from the kept figures and the cells' periods (the way the report
     * computed them per request before its list was kept) and compared with the report: the total, the
     * order and each cell's reasons. Returns how many lists were compared.
     */
    private int helpAsComputed(LocalDate today) {
        record Cell(String id, String parentId, String path, String name, long members, long installed, boolean offline) {
        }
        Map<String, String> names = new java.util.HashMap<>();
        List<Cell> open = new ArrayList<>();
        List<String> units = new ArrayList<>();
        f.p.query("SELECT UNIT_ID, PARENT_ID, PATH, NAME, IS_CELL, MEMBERS, INSTALLED, OFFLINE_CELLS FROM RPT_UNIT WHERE TO_DAY IS NULL", rs -> {
            names.put(rs.getString(1), rs.getString(4));
            units.add(rs.getString(1));
            if (rs.getInt(5) == 1) {
                open.add(new Cell(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(6), rs.getLong(7), rs.getLong(8) > 0));
            }
            return null;
        });
        Map<String, Object[]> activity = new java.util.HashMap<>();
        f.p.query("SELECT CELL_ID, PERIOD, STEPS, DOCS_LATE, MINUTES_DUE_MS FROM RPT_CELL_ACTIVITY", rs -> {
            int steps = rs.getInt(3);
            boolean docsLate = rs.getInt(4) == 1;
            long due = rs.getLong(5);
            Long minutesDue = rs.wasNull() ? null : due;
            activity.put(rs.getString(1) + " " + rs.getString(2).strip(), new Object[] { steps, docsLate, minutesDue });
            return null;
        });
        java.util.Set<String> periods = new java.util.TreeSet<>(f.p.query("SELECT DISTINCT PERIOD FROM RPT_CELL_ACTIVITY", rs -> rs.getString(1).strip()));
        periods.add(java.time.YearMonth.from(today).plusMonths(1).toString());
        java.time.ZoneId zone = f.p.systemClock().getZone();
        long overdueBefore = today.minusDays(7).atStartOfDay(zone).toInstant().toEpochMilli();
        java.util.Comparator<Cell> order = java.util.Comparator
                .comparing((Cell x) -> org.sotay.core.api.VietnameseText.sortKey(x.parentId() == null ? "" : names.getOrDefault(x.parentId(), "")))
                .thenComparing(x -> org.sotay.core.api.VietnameseText.sortKey(x.name())).thenComparing(Cell::id);
        List<String> filters = new ArrayList<>(java.util.Arrays.asList((String) null, CellNeedingHelp.NO_MEETING_REGISTERED,
                CellNeedingHelp.DOCUMENTS_LATE, CellNeedingHelp.MINUTES_MISSING,
                CellNeedingHelp.NOBODY_INSTALLED, CellNeedingHelp.NO_INTERNET));
        int compared = 0;
        for (String period : periods) {
            java.time.YearMonth ym = java.time.YearMonth.parse(period);
            boolean deadlinePassed = today.isAfter(ym.minusMonths(1).atDay(20));
            Map<String, List<String>> reasons = new java.util.HashMap<>();
            for (Cell x : open) {
                Object[] a = activity.get(x.id() + " " + period);
                List<String> r = new ArrayList<>();
                if (deadlinePassed && (a == null || ((Integer) a[0] & Meetings.ON_TIME) == 0)) {
                    r.add(CellNeedingHelp.NO_MEETING_REGISTERED);
                }
                if (a != null && (Boolean) a[1]) {
                    r.add(CellNeedingHelp.DOCUMENTS_LATE);
                }
                if (a != null && a[2] != null && (Long) a[2] < overdueBefore) {
                    r.add(CellNeedingHelp.MINUTES_MISSING);
                }
                if (x.members() > 0 && x.installed() == 0) {
                    r.add(CellNeedingHelp.NOBODY_INSTALLED);
                }
                if (x.offline()) {
                    r.add(CellNeedingHelp.NO_INTERNET);
                }
                reasons.put(x.id(), r);
            }
            for (String unit : units) {
                for (String only : filters) {
                    List<Cell> want = open.stream().filter(x -> Meetings.lineage(x.path()).contains(unit))
                            .filter(x -> only == null ? !reasons.get(x.id()).isEmpty() : reasons.get(x.id()).contains(only)).sorted(order).toList();
                    org.sotay.core.api.Page<CellNeedingHelp> got = f.reports.cellsNeedingHelp(unit, period, only,
                            org.sotay.core.api.PageRequest.of(0, 200));
                    String what = unit + " " + period + " " + only;
                    assertEquals(want.size(), got.getTotal(), "the total of " + what);
                    assertEquals(want.stream().map(Cell::id).toList(), got.getItems().stream().map(h -> h.cell().id()).toList(), "the list of " + what);
                    for (CellNeedingHelp h : got.getItems()) {
                        assertEquals(reasons.get(h.cell().id()), h.reasons().stream().map(n -> n.code()).toList(), () -> "the reasons of " + h.cell().id() + " in "
                                + what + " on " + today + ": activity " + f.p.query("SELECT PERIOD, STEPS, DOCS_LATE, MINUTES_DUE_MS FROM RPT_CELL_ACTIVITY WHERE CELL_ID = ?",
                                        rs -> rs.getString(1) + " " + rs.getInt(2) + " " + rs.getInt(3) + " " + rs.getObject(4), h.cell().id())
                                + ", kept " + f.p.query("SELECT PERIOD, LATE, DOCS_LATE, MINUTES_DAY FROM RPT_HELP_PERIOD WHERE CELL_ID = ?",
                                        rs -> rs.getString(1) + " " + rs.getInt(2) + " " + rs.getInt(3) + " " + rs.getObject(4), h.cell().id()));
                    }
                    compared++;
                }
            }
        }
        return compared;
    }

    private Meeting anyMeeting(Random random) {
        List<Meeting> page = f.meetings.meetings().list(new MeetingQuery(f.root, null, null, null), org.sotay.core.api.PageRequest.of(random.nextInt(20), 1))
                .getItems();
        return page.isEmpty() ? null : page.get(0);
    }

    private Member anyMember(Random random) {
        List<Member> page = f.registry.members().search(new MemberQuery(null, null, null, null, null, null),
                org.sotay.core.api.PageRequest.of(random.nextInt(40), 1)).getItems();
        return page.isEmpty() ? null : page.get(0);
    }

    private static final List<String> FAMILY = List.of("Nguyễn", "Trần", "Lê", "Hoàng", "Ma", "Lục", "Nông", "Triệu", "Hà", "Đặng");
    private static final List<String> MIDDLE = List.of("Văn", "Thị", "Đức", "Ngọc", "Thế", "Minh");
    private static final List<String> GIVEN = List.of("An", "Bình", "Cường", "Duyên", "Hồng", "Lan", "Mạnh", "Phượng", "Quý", "Tiến", "Yến");

    private static String name(Random random) {
        return pick(random, FAMILY) + " " + pick(random, MIDDLE) + " " + pick(random, GIVEN);
    }

    private static String pick(Random random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }
}
