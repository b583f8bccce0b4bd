package org.sotay.registry.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberDraft;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.api.RegistryEvents;
import org.sotay.registry.api.StatusChange;
import org.sotay.registry.api.TransferDraft;
import org.sotay.registry.api.TransferKind;

/** The member rules through the real service, persistence unit and database, in seconds. */
class MemberServiceTest {
    private RegistryFixture f;

    @BeforeEach
    void start() {
        f = RegistryFixture.start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static List<String> fields(SotayException e) {
        return e.errors().stream().map(x -> x.field() + ":" + x.code()).toList();
    }

    private static MemberDraft with(MemberDraft d, String fullName, LocalDate born, String residence) {
        return new MemberDraft(d.cardNumber(), fullName, born, d.gender(), d.ethnicity(), d.dateAdmitted(), d.dateOfficial(), d.cellId(),
                residence, d.phone(), d.email(), d.usesSmartphone(), d.version());
    }

    @Test
    void aMemberIsCreatedAuditedAndAnnouncedOnceCommitted() {
        Member m = f.member(f.cellA1, "Ma Thế Hồng");
        assertEquals(MemberStatus.OFFICIAL, m.status());
        assertEquals("Ma Thế Hồng", f.members.get(m.id()).fullName());
        List<Event> events = f.p.deliverEvents();
        assertEquals(1, events.stream().filter(e -> e.getTopic().equals(RegistryEvents.MEMBER_CREATED)).count());
        List<String> audit = f.p.query("SELECT ACTION FROM CORE_AUDIT WHERE TARGET_ID = ?", rs -> rs.getString(1), m.id());
        assertEquals(List.of("member.create"), audit);
        String path = f.p.query("SELECT UNIT_PATH FROM CORE_AUDIT WHERE TARGET_ID = ?", rs -> rs.getString(1), m.id()).get(0);
        assertTrue(path.startsWith("/" + f.root + "/" + f.districtA + "/"), "the line sits in the cell's subtree: " + path);
    }

    @Test
    void everyFieldAtFaultIsReportedAndNothingIsWritten() {
        MemberDraft bad = new MemberDraft("12", "Nguyễn\u0000Văn A\u001b[31m", LocalDate.of(999_999_999, 1, 1), null, "x".repeat(51),
                LocalDate.of(-999_999_999, 1, 1), null, f.cellA1, null, "abc", "not-an-email", true, null);
        SotayException e = assertThrows(SotayException.class, () -> f.members.create(bad));
        assertEquals(400, e.type().status());
        List<String> got = fields(e);
        for (String want : List.of("cardNumber:format", "fullName:control-character", "dateOfBirth:in-future", "gender:required",
                "ethnicity:too-long", "dateAdmitted:out-of-range", "phone:format", "email:format")) {
            assertTrue(got.contains(want), want + " in " + got);
        }
        assertEquals(0, f.members.search(MemberQuery.all(), PageRequest.first(10)).getTotal());
    }

    @Test
    void namesThatGrowUnderDecompositionFitTheirColumns() {
        // 100 Hangul syllables: 100 characters stored, but three letters each once decomposed; the keys are cut, never a 500
        String hangul = "한".repeat(100);
        Member m = f.members.create(with(f.draft(f.cellA1, "x"), hangul, LocalDate.of(1970, 5, 2), null));
        assertEquals(hangul, m.fullName());
        // a letter outside the Basic Multilingual Plane counts two: 51 of them are over 100
        SotayException e = assertThrows(SotayException.class,
                () -> f.members.create(with(f.draft(f.cellA1, "x"), "𠀀".repeat(51), LocalDate.of(1970, 5, 2), null)));
        assertEquals(List.of("fullName:too-long"), fields(e));
    }

    @Test
    void aCardIsUniqueAndAStaleEditIsRefused() {
        MemberDraft d = f.draft(f.cellA1, "Hoàng Văn Nam");
        Member m = f.members.create(d);
        SotayException taken = assertThrows(SotayException.class, () -> f.members.create(with(d, "Hoàng Thị Lan", d.dateOfBirth(), null)));
        assertEquals("registry.card-taken", taken.type().slug());
        MemberDraft edit = new MemberDraft(d.cardNumber(), "Hoàng Văn Nam Anh", d.dateOfBirth(), d.gender(), d.ethnicity(), d.dateAdmitted(),
                d.dateOfficial(), d.cellId(), null, d.phone(), d.email(), d.usesSmartphone(), m.version());
        Member edited = f.members.update(m.id(), edit);
        assertEquals("Hoàng Văn Nam Anh", edited.fullName());
        assertEquals("stale-version", assertThrows(SotayException.class, () -> f.members.update(m.id(), edit)).type().slug());
        MemberDraft move = new MemberDraft(d.cardNumber(), "Hoàng Văn Nam Anh", d.dateOfBirth(), d.gender(), d.ethnicity(), d.dateAdmitted(),
                d.dateOfficial(), f.cellA2, null, d.phone(), d.email(), d.usesSmartphone(), edited.version());
        assertEquals(List.of("cellId:use-transfer"), fields(assertThrows(SotayException.class, () -> f.members.update(m.id(), move))));
    }

    @Test
    void aResidenceIsAnOpenUnitTheCallerSees() {
        f.as(f.staffOf(f.districtA));
        MemberDraft d = f.draft(f.cellA1, "Lý Văn Sơn");
        for (String residence : List.of("no-such-unit", f.cellB1, "x".repeat(37))) {
            SotayException e = assertThrows(SotayException.class, () -> f.members.create(with(d, d.fullName(), d.dateOfBirth(), residence)));
            assertEquals(400, e.type().status());
            assertTrue(fields(e).get(0).startsWith("residenceUnitId:"), fields(e).toString());
        }
        assertEquals(f.cellA2, f.members.create(with(d, d.fullName(), d.dateOfBirth(), f.cellA2)).residenceUnitId());
    }

    @Test
    void aDistrictSeesAndWritesOnlyItsOwnMembers() {
        Member inB = f.member(f.cellB1, "Triệu Thị Mai");
        f.as(f.staffOf(f.districtA));
        assertEquals("not-found", assertThrows(SotayException.class, () -> f.members.get(inB.id())).type().slug());
        assertEquals("not-found", assertThrows(SotayException.class, () -> f.members.create(f.draft(f.cellB1, "Nông Văn Tiến"))).type().slug());
        assertEquals(0, f.members.search(new MemberQuery("mai", null, null, null, null, null), PageRequest.first(10)).getTotal());
        f.member(f.cellA1, "Triệu Văn Mạnh");
        assertEquals(1, f.members.search(new MemberQuery("trieu", null, null, null, null, null), PageRequest.first(10)).getTotal());
    }

    @Test
    void aMemberReadsTheirOwnRecordWithoutRegistryPermissionsAndStaffHaveNone() {
        Member an = f.member(f.cellB1, "Lục Thị Ân");
        f.as(org.sotay.core.testing.TestCallers.member("an", an.id(), java.util.Map.of("handbook.read", java.util.Set.of(f.cellB1))));
        assertEquals(an.id(), f.members.self().id());
        assertEquals(f.cellB1, f.members.self().cellId());
        assertEquals("not-found", assertThrows(SotayException.class, () -> f.members.get(an.id())).type().slug(),
                "reading oneself is not registry.read");
        f.as(f.admin());
        assertEquals("not-found", assertThrows(SotayException.class, () -> f.members.self()).type().slug());
    }

    @Test
    void searchWithOrWithoutDiacriticsAndAPercentSignInTheBox() {
        f.member(f.cellA1, "Ma Thế Hồng");
        f.member(f.cellA1, "Đặng Văn Đức");
        assertEquals(1, f.members.search(new MemberQuery("Ma The Hong", null, null, null, null, null), PageRequest.first(10)).getTotal());
        assertEquals(1, f.members.search(new MemberQuery("dang van duc", null, null, null, null, null), PageRequest.first(10)).getTotal());
        assertEquals(0, f.members.search(new MemberQuery("100%", null, null, null, null, null), PageRequest.first(10)).getTotal());
        assertEquals(List.of("q:too-long"), fields(assertThrows(SotayException.class,
                () -> f.members.search(new MemberQuery("x".repeat(201), null, null, null, null, null), PageRequest.first(10)))));
    }

    @Test
    void officialAndTemporaryTransfersKeepTheHistory() {
        Member m = f.member(f.cellA1, "Bàn Văn Chiến");
        LocalDate today = LocalDate.now(f.p.clock());
        Member moved = f.members.transfer(m.id(), new TransferDraft(f.cellA2, TransferKind.OFFICIAL, today, null, "chuyển nhà", m.version()));
        assertEquals(f.cellA2, moved.cellId());
        assertEquals(f.cellA1, f.members.cellAt(m.id(), today.minusDays(1)));
        assertEquals(f.cellA2, f.members.cellAt(m.id(), today));
        assertEquals(2, f.members.memberships(m.id()).size());
        assertEquals(List.of("until:required"), fields(assertThrows(SotayException.class,
                () -> f.members.transfer(m.id(), new TransferDraft(f.cellB1, TransferKind.TEMPORARY, today, null, null, null)))));
        assertEquals(List.of("until:out-of-range"), fields(assertThrows(SotayException.class,
                () -> f.members.transfer(m.id(), new TransferDraft(f.cellB1, TransferKind.TEMPORARY, today, LocalDate.of(999_999_999, 1, 1), null, null)))));
        // a district cannot send a member to another district: that is done from above both
        f.as(f.staffOf(f.districtA));
        Member now = f.members.get(m.id());
        assertEquals("not-found", assertThrows(SotayException.class,
                () -> f.members.transfer(m.id(), new TransferDraft(f.cellB1, TransferKind.OFFICIAL, today, null, null, now.version()))).type().slug());
    }

    @Test
    void statusChangesAreDatedReasonedAndNeverBeforeTheCurrentOne() {
        Member m = f.member(f.cellA1, "Hà Văn Long");
        LocalDate today = LocalDate.now(f.p.clock());
        assertEquals(List.of("reason:required"), fields(assertThrows(SotayException.class,
                () -> f.members.changeStatus(m.id(), new StatusChange(MemberStatus.EXEMPT, today, null, m.version())))));
        Member exempt = f.members.changeStatus(m.id(), new StatusChange(MemberStatus.EXEMPT, today, "sức khỏe yếu", m.version()));
        assertEquals(MemberStatus.EXEMPT, exempt.status());
        assertEquals(1, f.members.statusHistory(m.id()).size());
        assertEquals(List.of("effective:before-current"), fields(assertThrows(SotayException.class,
                () -> f.members.changeStatus(m.id(), new StatusChange(MemberStatus.OFFICIAL, today.minusDays(1), null, exempt.version())))));
    }

    @Test
    void theExportReadsEveryMemberInOrderInBatchesOfItsOwn() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < MemberServiceImpl.EXPORT_BATCH + 250; i++) {
            expected.add(f.member(i % 2 == 0 ? f.cellA1 : f.cellA2, "Nguyễn Văn " + letters(i)).id());
        }
        f.member(f.cellB1, "Ngoài Huyện");
        List<String> seen = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        f.members.forEachMember(f.districtA, (m, cellCode) -> {
            seen.add(m.id());
            keys.add(VietnameseKeys.of(m.fullName()) + "|" + m.id());
            assertNotNull(cellCode);
        });
        assertEquals(expected.size(), seen.size());
        assertEquals(new java.util.HashSet<>(expected), new java.util.HashSet<>(seen));
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        assertEquals(sorted, keys, "Vietnamese order across batch borders");
    }

    @Test
    void bothSubtreePlansReadTheSameMembersInOrderAcrossBatchBordersAndNoOneOutside() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < MemberExport.BATCH + 120; i++) {
            expected.add(f.member(i % 3 == 0 ? f.cellA2 : f.cellA1, (i % 2 == 0 ? "Đặng Thị " : "Nguyễn Văn ") + letters(i)).id());
        }
        // members of the other district interleave in the order index: the walk skips them
        for (int i = 0; i < 300; i++) {
            f.member(f.cellB1, "Nguyễn Văn " + letters(i) + " Bê");
        }
        String codeA1 = f.units.get(f.cellA1).code();
        String codeA2 = f.units.get(f.cellA2).code();
        for (MemberExport.Plan plan : new MemberExport.Plan[] { MemberExport.Plan.WALK, MemberExport.Plan.JOIN }) {
            List<String> seen = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            f.members.forEachMember(f.districtA, (m, cellCode) -> {
                seen.add(m.id());
                keys.add(VietnameseKeys.of(m.fullName()) + "|" + m.id());
                assertEquals(m.cellId().equals(f.cellA1) ? codeA1 : codeA2, cellCode, plan + ": the member's own cell code");
            }, plan);
            assertEquals(expected.size(), seen.size(), plan + ": every member of the district once, no one outside");
            assertEquals(new java.util.HashSet<>(expected), new java.util.HashSet<>(seen), plan.toString());
            List<String> sorted = new ArrayList<>(keys);
            sorted.sort(null);
            assertEquals(sorted, keys, plan + ": Vietnamese order across batch borders");
        }
    }

    @Test
    void anExportedOrReadMemberIsTheMemberAsJpaReadsItWithEveryFieldAndItsVietnameseNameIntact() {
        Member m = f.member(f.cellA1, "Hoàng Thị Ngọc Ánh");
        f.directory.appInstalled(m.id(), LocalDate.now(f.p.clock()));
        f.directory.accountRegistered(m.id(), LocalDate.now(f.p.clock()));
        // the member as JPA reads it (the search loads the entities), beside the plain JDBC read of get()
        Member read = f.members.search(new MemberQuery(null, f.cellA1, null, null, null, null), PageRequest.parse(null, null)).getItems().get(0);
        assertEquals(read, f.members.get(m.id()));
        f.as(f.staffOf(f.cellA1));
        assertEquals(read, f.members.get(m.id()), "a caller scoped to the cell reads it through the path join");
        f.as(f.admin());
        for (MemberExport.Plan plan : MemberExport.Plan.values()) {
            List<Member> exported = new ArrayList<>();
            f.members.forEachMember(plan == MemberExport.Plan.CELL ? f.cellA1 : f.districtA, (x, code) -> exported.add(x), plan);
            assertEquals(List.of(read), exported, plan.toString());
            assertEquals("Hoàng Thị Ngọc Ánh", exported.get(0).fullName());
        }
    }

    @Test
    void anExportOutsideTheCallersSubtreeIsNotFoundWhateverThePlan() {
        f.member(f.cellA1, "Lê Văn Tám");
        f.as(f.staffOf(f.districtB));
        for (MemberExport.Plan plan : new MemberExport.Plan[] { null, MemberExport.Plan.WALK, MemberExport.Plan.JOIN, MemberExport.Plan.CELL }) {
            List<String> seen = new ArrayList<>();
            SotayException e = assertThrows(SotayException.class, () -> f.members.forEachMember(f.districtA, (x, code) -> seen.add(x.id()), plan));
            assertEquals(404, e.type().status());
            assertThrows(SotayException.class, () -> f.members.forEachMember(f.cellA1, (x, code) -> seen.add(x.id()), plan));
            assertEquals(List.of(), seen);
        }
    }

    @Test
    void aCellsMembersAreReadByTheCellInOrderAcrossBatchesWithTheCellsCode() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < MemberServiceImpl.EXPORT_BATCH + 30; i++) {
            expected.add(f.member(f.cellA1, "Trần Thị " + letters(i)).id());
        }
        f.member(f.cellA2, "Ô Bên Cạnh");
        String code = f.units.get(f.cellA1).code();
        List<String> seen = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        f.members.forEachMember(f.cellA1, (m, cellCode) -> {
            seen.add(m.id());
            keys.add(VietnameseKeys.of(m.fullName()) + "|" + m.id());
            assertEquals(code, cellCode);
        });
        assertEquals(new java.util.HashSet<>(expected), new java.util.HashSet<>(seen));
        assertEquals(expected.size(), seen.size());
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        assertEquals(sorted, keys, "Vietnamese order across batch borders");
    }

    @Test
    void theFlagsOfTheIdentityModuleAreDatedNoEarlierThanTheAdmission() {
        Member m = f.member(f.cellA1, "Lục Văn Đạt");
        SotayException e = assertThrows(SotayException.class, () -> f.directory.appInstalled(m.id(), LocalDate.of(1990, 1, 1)));
        assertEquals(List.of("appInstalledOn:before-admission"), fields(e));
        f.directory.accountRegistered(m.id(), LocalDate.now(f.p.clock()));
        assertTrue(f.members.get(m.id()).accountRegistered());
        assertFalse(f.members.get(m.id()).appInstalled());
    }

    /** {@code i} in letters (a, b, ..., z, ba, bb, ...): names have no digits. */
    private static String letters(int i) {
        StringBuilder sb = new StringBuilder();
        do {
            sb.insert(0, (char) ('a' + i % 26));
            i /= 26;
        } while (i > 0);
        return Character.toUpperCase(sb.charAt(0)) + sb.substring(1);
    }

    /** The sort key as the service stores it. */
    static final class VietnameseKeys {
        static String of(String name) {
            return MemberRules.sortKey(name);
        }
    }
}
