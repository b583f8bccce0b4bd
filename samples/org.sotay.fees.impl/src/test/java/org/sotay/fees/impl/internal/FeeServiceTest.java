package org.sotay.fees.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.testing.TestCallers;
import org.sotay.core.testing.TestClock;
import org.sotay.core.testing.TestPlatform;
import org.sotay.fees.api.Arrears;
import org.sotay.fees.api.BatchResult;
import org.sotay.fees.api.FeeCategory;
import org.sotay.fees.api.FeesEvents;
import org.sotay.fees.api.FeesPermissions;
import org.sotay.fees.api.PaymentBatch;
import org.sotay.fees.api.PaymentDraft;
import org.sotay.fees.api.PaymentMethod;
import org.sotay.fees.api.Sheet;
import org.sotay.fees.api.SheetLine;
import org.sotay.meetings.api.MeetingEvents;
import org.sotay.registry.api.Gender;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberDraft;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.api.Membership;
import org.sotay.registry.api.StatusChange;
import org.sotay.registry.api.StatusRecord;
import org.sotay.registry.api.TransferDraft;
import org.sotay.reporting.spi.ReportContributor;

/**
 * The fees module on the harness: its real service, persistence unit and migrations on a real database,
 * the platform's journal and outbox, a test clock; the registry is a stand-in behind its API that, like
 * the real one, answers only a caller holding registry.read (the module reads it as itself).
 */
class FeeServiceTest {
    /** root / district / cell, and another district with its cell. */
    static final OrgTree TREE = new OrgTree() {
        @Override
        public List<String> lineage(String unitId) {
            return switch (unitId) {
            case "root" -> List.of("root");
            case "district" -> List.of("root", "district");
            case "cell" -> List.of("root", "district", "cell");
            case "other" -> List.of("root", "other");
            case "other-cell" -> List.of("root", "other", "other-cell");
            default -> List.of();
            };
        }

        @Override
        public List<String> roots() {
            return List.of("root");
        }
    };

    private TestPlatform p;
    private Registry registry;
    private FeeServiceImpl fees;

    @BeforeEach
    void start() {
        p = TestPlatform.start(TestClock.at(LocalDateTime.of(2026, 3, 10, 9, 0)));
        p.migrate("fees", "db/migration/fees");
        p.tree(TREE);
        registry = new Registry(p);
        registry.add("m1", "Nguyễn Văn An", "cell", MemberStatus.OFFICIAL);
        registry.add("m2", "Trần Thị Bình", "cell", MemberStatus.PROBATIONARY);
        registry.add("m3", "Lê Văn Ất", "cell", MemberStatus.EXEMPT);
        registry.add("gone", "Phạm Văn Đi", "cell", MemberStatus.LEFT);
        registry.add("o1", "Hoàng Văn Xa", "other-cell", MemberStatus.OFFICIAL);
        fees = new FeeServiceImpl(p.jpa("sotay-fees"), p.callers(), p.journal(), p.systemClock(), TREE, registry, Rates.defaults());
    }

    @AfterEach
    void stop() {
        p.close();
    }

    private void as(String unit, String... permissions) {
        p.callers().as(TestCallers.caller("secretary@" + unit, Set.of(unit), permissions));
    }

    private static PaymentDraft cash(String member, FeeCategory c, Long income) {
        return new PaymentDraft(member, PaymentMethod.CASH, c, income);
    }

    private static PaymentBatch batch(PaymentDraft... lines) {
        return new PaymentBatch(List.of(lines));
    }

    @Test
    void theRatesOfRegulation01AndTheRoundingRule() {
        assertEquals(68_000, fees.quote(FeeCategory.INSURED_SALARY, 6_800_000L).amountDong(), "1% of the insured salary");
        assertEquals(45_000, fees.quote(FeeCategory.BENEFIT, 4_500_000L).amountDong(), "1% of a sickness or maternity benefit");
        assertEquals(25_000, fees.quote(FeeCategory.PENSION, 5_000_000L).amountDong(), "0.5% of a pension");
        assertEquals(5_000, fees.quote(FeeCategory.STUDENT, null).amountDong(), "a flat 5,000 đ for students, whatever the income");
        assertEquals(5_000, fees.quote(FeeCategory.STUDENT, 9_000_000L).amountDong());
        // half up to the đồng: 0.5% of 1,234,567 = 6,172.835 -> 6,173; 1% of 1,234,549 = 12,345.49 -> 12,345; of 1,234,550 -> 12,346
        assertEquals(6_173, fees.quote(FeeCategory.PENSION, 1_234_567L).amountDong());
        assertEquals(12_345, fees.quote(FeeCategory.INSURED_SALARY, 1_234_549L).amountDong());
        assertEquals(12_346, fees.quote(FeeCategory.INSURED_SALARY, 1_234_550L).amountDong());
        assertEquals("0,5% của lương hưu (1.234.567 đ), làm tròn đến đồng: 6.173 đ.", fees.quote(FeeCategory.PENSION, 1_234_567L).ruleVi());
        // configurable, applied live: a province rounding to 1,000 đ and 1.5% of salaries
        fees.rates(new Rates(150, 100, 50, 5000, 1000, 10_000_000_000L, 3));
        assertEquals(102_000, fees.quote(FeeCategory.INSURED_SALARY, 6_800_000L).amountDong());
        assertEquals(6_000, fees.quote(FeeCategory.PENSION, 1_234_567L).amountDong(), "6,172.8 -> 6,000 (the nearer multiple of 1,000)");
        assertEquals(7_000, fees.quote(FeeCategory.PENSION, 1_300_000L).amountDong(), "6,500 -> 7,000 (half up)");
        assertEquals(0, fees.quote(FeeCategory.INSURED_SALARY, 0L).amountDong());
        // the largest accepted income cannot overflow
        assertEquals(100_000_000, fees.quote(FeeCategory.INSURED_SALARY, 10_000_000_000L).amountDong() * 100 / 150);
    }

    @Test
    void badInputIsA400NamingTheField() {
        as("cell", FeesPermissions.READ, FeesPermissions.RECORD);
        assertEquals(List.of("income:negative"), codes(assertThrows(SotayException.class, () -> fees.quote(FeeCategory.PENSION, -1L))));
        assertEquals(List.of("income:too-large"),
                codes(assertThrows(SotayException.class, () -> fees.quote(FeeCategory.PENSION, 10_000_000_001L))));
        assertEquals(List.of("category:required"), codes(assertThrows(SotayException.class, () -> fees.quote(null, 1L))));
        assertEquals(List.of("income:required"), codes(assertThrows(SotayException.class, () -> fees.quote(FeeCategory.INSURED_SALARY, null))));
        for (String bad : new String[] { "2026-13", "2026-00", "999999999-01", "0999-01", "2026-3", "2026", "", "abc" }) {
            SotayException e = assertThrows(SotayException.class, () -> fees.sheet("cell", bad), bad);
            assertEquals(400, e.type().status(), bad);
            assertEquals(List.of("period:not-a-period"), codes(e), bad);
        }
        assertEquals(List.of("year:out-of-range"), codes(assertThrows(SotayException.class, () -> fees.arrears("cell", 999_999_999))));
        assertEquals(List.of("year:out-of-range"), codes(assertThrows(SotayException.class, () -> fees.history("m1", 999_999_999))));
        SotayException all = assertThrows(SotayException.class, () -> fees.record("cell", "2026-03", batch(
                cash("m1", FeeCategory.INSURED_SALARY, -5L), new PaymentDraft("m2", null, null, null), cash("m1", FeeCategory.STUDENT, null))));
        assertEquals(List.of("payments[0].incomeDong:negative", "payments[1].method:required", "payments[1].category:required",
                "payments[2].memberId:duplicate"), codes(all), "every field at fault at once");
        assertEquals(List.of("payments:required"), codes(assertThrows(SotayException.class, () -> fees.record("cell", "2026-03", batch()))));
        assertEquals(0L, p.query("SELECT COUNT(*) FROM FEE_DUE", rs -> rs.getLong(1)).get(0), "nothing half-written");
    }

    @Test
    void aHeldMeetingOpensTheCellsSheetOnceByEventId() {
        fees.openFromMeeting("ev-1", "cell", "2026-03", "meeting-1");
        fees.openFromMeeting("ev-1", "cell", "2026-03", "meeting-1"); // delivered again
        as("cell", FeesPermissions.READ);
        Sheet s = fees.sheet("cell", "2026-03");
        assertEquals("meeting-1", s.meetingId());
        assertEquals(p.clock().instant(), s.openedAt());
        // active members only (the one who left is not due), in Vietnamese order of given names: An, Ất (a before â), Bình
        assertEquals(List.of("Nguyễn Văn An", "Lê Văn Ất", "Trần Thị Bình"), s.lines().stream().map(SheetLine::fullName).toList());
        assertEquals(3, s.due());
        assertEquals(0, s.paid());
        List<Event> events = p.deliverEvents();
        assertEquals(List.of(FeesEvents.SHEET_OPENED), events.stream().map(Event::getTopic).toList(), "one sheet, one event");
        assertEquals("2026-03", events.get(0).getProperty(FeesEvents.PERIOD));
        assertEquals(3, events.get(0).getProperty(FeesEvents.MEMBERS));
        assertEquals(1L, p.query("SELECT COUNT(*) FROM FEE_SEEN", rs -> rs.getLong(1)).get(0));
        // through the handler, as the outbox delivers it
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(MeetingEvents.EVENT_ID, "ev-2");
        props.put(MeetingEvents.ID, "meeting-2");
        props.put(MeetingEvents.UNITS, new String[] { "cell" });
        props.put(MeetingEvents.PERIOD, "2026-04");
        new MeetingHeld(fees).handleEvent(new Event(MeetingEvents.HELD, props));
        assertEquals(3, fees.sheet("cell", "2026-04").due());
        assertEquals(List.of("sheet.open", "sheet.open"), p.query("SELECT ACTION FROM CORE_AUDIT WHERE MODULE = 'fees' ORDER BY ACTION",
                rs -> rs.getString(1)));
    }

    @Test
    void aPaymentIsRecordedOnceAndAnotherAmountIsA409WithNothingWritten() {
        as("cell", FeesPermissions.RECORD, FeesPermissions.READ);
        fees.open("cell", "2026-03");
        BatchResult first = fees.record("cell", "2026-03", batch(cash("m1", FeeCategory.INSURED_SALARY, 6_800_000L),
                new PaymentDraft("m2", PaymentMethod.PORTAL, FeeCategory.STUDENT, null)));
        assertEquals(2, first.recorded());
        SheetLine an = first.lines().stream().filter(l -> l.memberId().equals("m1")).findFirst().orElseThrow();
        assertEquals(68_000L, an.amountDong());
        assertEquals(PaymentMethod.CASH, an.method());
        assertEquals("secretary@cell", an.recordedBy());
        assertEquals(p.clock().instant(), an.recordedAt());
        // the same again: not a second payment
        BatchResult again = fees.record("cell", "2026-03", batch(cash("m1", FeeCategory.INSURED_SALARY, 6_800_000L)));
        assertEquals(0, again.recorded());
        assertEquals(1, again.unchanged());
        // another amount for a paid month, in a batch with a good line: 409, and the good line is not written either
        SotayException e = assertThrows(SotayException.class, () -> fees.record("cell", "2026-03",
                batch(cash("m3", FeeCategory.PENSION, 4_000_000L), cash("m1", FeeCategory.INSURED_SALARY, 7_000_000L))));
        assertEquals(409, e.type().status());
        assertEquals("fees.already-paid", e.type().slug());
        Sheet s = fees.sheet("cell", "2026-03");
        assertEquals(2, s.paid());
        assertEquals(73_000, s.collectedDong());
        assertNull(s.lines().stream().filter(l -> l.memberId().equals("m3")).findFirst().orElseThrow().amountDong(), "all or nothing");
        assertEquals(2L, p.query("SELECT COUNT(*) FROM CORE_AUDIT WHERE ACTION = 'payment.record'", rs -> rs.getLong(1)).get(0));
        // a portal payment before any sheet of that month: the member joins the month's rows
        BatchResult early = fees.record("cell", "2026-04", batch(new PaymentDraft("m3", PaymentMethod.PORTAL, FeeCategory.PENSION, 4_000_000L)));
        assertEquals(20_000L, early.lines().get(0).amountDong());
        assertNull(fees.sheet("cell", "2026-04").openedAt());
        assertEquals(List.of("2026-04", "2026-03"), fees.history("m3", null).stream().map(SheetLine::period).toList());
    }

    @Test
    void anotherUnitsMemberOrUnitIsNotFound() {
        as("cell", FeesPermissions.RECORD, FeesPermissions.READ);
        SotayException member = assertThrows(SotayException.class,
                () -> fees.record("cell", "2026-03", batch(cash("o1", FeeCategory.INSURED_SALARY, 5_000_000L))));
        SotayException nobody = assertThrows(SotayException.class,
                () -> fees.record("cell", "2026-03", batch(cash("no-such-member", FeeCategory.INSURED_SALARY, 5_000_000L))));
        assertEquals(404, member.type().status());
        assertEquals(member.detail(), nobody.detail(), "elsewhere and nowhere look the same");
        assertEquals(404, assertThrows(SotayException.class, () -> fees.sheet("other-cell", "2026-03")).type().status());
        assertEquals(404, assertThrows(SotayException.class, () -> fees.open("other-cell", "2026-03")).type().status());
        assertEquals(404, assertThrows(SotayException.class, () -> fees.history("o1", null)).type().status());
        assertEquals(404, assertThrows(SotayException.class, () -> fees.quote("o1", FeeCategory.PENSION, 1L)).type().status());
        assertEquals(404, assertThrows(SotayException.class, () -> fees.arrears("other", 2026)).type().status());
        assertEquals(List.of(), fees.history("m1", 2026), "a member in scope with nothing recorded yet");
        // a member of the caller's scope but of another cell is named as the field at fault
        as("root", FeesPermissions.RECORD);
        assertEquals(List.of("payments[0].memberId:not-in-cell"), codes(assertThrows(SotayException.class,
                () -> fees.record("cell", "2026-03", batch(cash("o1", FeeCategory.INSURED_SALARY, 5_000_000L))))));
        assertEquals(List.of("payments[0].memberId:not-active"), codes(assertThrows(SotayException.class,
                () -> fees.record("cell", "2026-03", batch(cash("gone", FeeCategory.INSURED_SALARY, 5_000_000L))))));
        // read without the permission: nothing
        as("cell");
        assertEquals(404, assertThrows(SotayException.class, () -> fees.sheet("cell", "2026-03")).type().status());
        assertEquals(0L, p.query("SELECT COUNT(*) FROM FEE_DUE", rs -> rs.getLong(1)).get(0));
    }

    @Test
    void threeUnpaidMonthsOfAYearRaiseOneWarningThroughTheOutbox() {
        as("cell", FeesPermissions.RECORD, FeesPermissions.READ);
        for (String month : new String[] { "2026-01", "2026-02", "2026-03" }) {
            fees.open("cell", month);
            fees.record("cell", month, batch(cash("m1", FeeCategory.INSURED_SALARY, 6_000_000L), cash("m3", FeeCategory.PENSION, 3_000_000L)));
        }
        p.deliverEvents();
        // in March: January and February are over and unpaid for Bình: two months, no warning yet
        assertEquals(0, fees.sweepArrears());
        assertEquals(2, fees.sheet("cell", "2026-03").lines().stream().filter(l -> l.memberId().equals("m2")).findFirst().orElseThrow().unpaidMonths());
        // April: March is over too; the April sheet opens and raises it for its cell at once
        p.clock().set(LocalDateTime.of(2026, 4, 5, 8, 0));
        fees.open("cell", "2026-04");
        List<Event> events = p.deliverEvents().stream().filter(e -> e.getTopic().equals(FeesEvents.MEMBER_ARREARS)).toList();
        assertEquals(1, events.size());
        assertEquals("m2", events.get(0).getProperty(FeesEvents.ID));
        assertEquals(2026, events.get(0).getProperty(FeesEvents.YEAR));
        assertEquals(3, events.get(0).getProperty(FeesEvents.MONTHS));
        assertEquals(List.of("cell"), List.of((String[]) events.get(0).getProperty(FeesEvents.UNITS)));
        // once per member and year, whatever checks again
        assertEquals(0, fees.sweepArrears());
        fees.open("cell", "2026-04");
        assertTrue(p.deliverEvents().stream().noneMatch(e -> e.getTopic().equals(FeesEvents.MEMBER_ARREARS)));
        // visible in the cell's list, and in the district's above it
        List<Arrears> list = fees.arrears("cell", 2026);
        assertEquals(List.of("Trần Thị Bình"), list.stream().map(Arrears::fullName).toList());
        assertEquals(List.of("2026-01", "2026-02", "2026-03"), list.get(0).unpaidPeriods());
        as("district", FeesPermissions.READ);
        assertEquals(1, fees.arrears("district", 2026).size());
        assertEquals(List.of(), fees.arrears("district", 2025));
        // paying one month late keeps the warning (it was raised) and shows what is still unpaid
        as("cell", FeesPermissions.RECORD, FeesPermissions.READ);
        fees.record("cell", "2026-02", batch(new PaymentDraft("m2", PaymentMethod.PORTAL, FeeCategory.STUDENT, null)));
        assertEquals(List.of("2026-01", "2026-03"), fees.arrears("cell", 2026).get(0).unpaidPeriods());
        // the sweep finds the cells without a meeting: a member with three unpaid months and no sheet opening since
        p.update("INSERT INTO FEE_DUE (ID, MEMBER_ID, PERIOD, YEAR_NO, UNIT_ID, UNIT_PATH, FULL_NAME, SORT_KEY, PAID, VERSION)"
                + " SELECT 'o1:' || PERIOD, 'o1', PERIOD, YEAR_NO, 'other-cell', '/root/other/other-cell/', 'Hoàng Văn Xa', 'xa', 0, 1"
                + " FROM FEE_DUE WHERE MEMBER_ID = 'm2'"); // January to April unpaid, April not over yet
        assertEquals(1, fees.sweepArrears());
    }

    @Test
    void theReportFigureIsMembersPaidUpForTheMonthOverMembersDuePerSubtree() {
        as("root", FeesPermissions.RECORD);
        fees.open("cell", "2026-03");
        fees.open("other-cell", "2026-03");
        fees.record("cell", "2026-03", batch(cash("m1", FeeCategory.INSURED_SALARY, 6_000_000L), cash("m2", FeeCategory.STUDENT, null)));
        fees.record("other-cell", "2026-03", batch(cash("o1", FeeCategory.PENSION, 3_000_000L)));
        fees.open("cell", "2026-04");
        PaidUpShare share = new PaidUpShare(p.jpa("sotay-fees"), TREE);
        Map<String, ReportContributor.Figure> march = share.figures(List.of("root", "district", "other", "cell", "nowhere"), LocalDate.of(2026, 3, 31));
        assertEquals(new ReportContributor.Figure(3, 4), march.get("root"));
        assertEquals(new ReportContributor.Figure(2, 3), march.get("district"));
        assertEquals(new ReportContributor.Figure(1, 1), march.get("other"));
        assertEquals(new ReportContributor.Figure(2, 3), march.get("cell"));
        assertEquals(4, march.size(), "an unknown unit is left out");
        Map<String, ReportContributor.Figure> april = share.figures(List.of("root", "other"), LocalDate.of(2026, 4, 1));
        assertEquals(new ReportContributor.Figure(0, 3), april.get("root"));
        assertNull(april.get("other"), "nobody due there that month: left out");
        assertEquals(Map.of(), share.figures(List.of("root"), LocalDate.of(2025, 3, 1)));
    }

    private static List<String> codes(SotayException e) {
        return e.errors().stream().map(f -> f.field() + ":" + f.code()).toList();
    }

    /** The registry behind its API: members by id and cell, answered only to a caller holding registry.read (as the real one). */
    static final class Registry implements MemberService {
        private final TestPlatform p;
        private final Map<String, Member> byId = new LinkedHashMap<>();

        Registry(TestPlatform p) {
            this.p = p;
        }

        void add(String id, String name, String cell, MemberStatus status) {
            Instant now = Instant.parse("2026-01-01T00:00:00Z");
            byId.put(id, new Member(id, "0" + Math.abs(id.hashCode()), name, LocalDate.of(1970, 1, 1), Gender.MALE, "Kinh", LocalDate.of(2000, 1, 1),
                    LocalDate.of(2001, 1, 1), status, LocalDate.of(2001, 1, 1), cell, null, null, null, true, false, null, false, null, now, now, 1));
        }

        private void requireRead() {
            if (p.callers().current().unitsFor("registry.read").isEmpty()) {
                throw SotayException.notFound(Text.of("Không có.", "None."));
            }
        }

        @Override
        public Member get(String id) {
            requireRead();
            Member m = byId.get(id);
            if (m == null) {
                throw SotayException.notFound(Text.of("Không có đảng viên này.", "No such member."));
            }
            return m;
        }

        @Override
        public void forEachMember(String unitId, BiConsumer<Member, String> memberAndCellCode) {
            requireRead();
            byId.values().stream().filter(m -> TREE.lineage(m.cellId()).contains(unitId)).forEach(m -> memberAndCellCode.accept(m, m.cellId()));
        }

        @Override
        public Page<Member> search(MemberQuery query, PageRequest page) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Member self() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Member create(MemberDraft draft) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Member update(String id, MemberDraft draft) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String cellAt(String memberId, LocalDate date) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Member transfer(String memberId, TransferDraft draft) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Member changeStatus(String memberId, StatusChange change) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StatusRecord> statusHistory(String memberId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Membership> memberships(String memberId) {
            throw new UnsupportedOperationException();
        }
    }

}
