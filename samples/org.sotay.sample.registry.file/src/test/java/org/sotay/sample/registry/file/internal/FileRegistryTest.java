package org.sotay.sample.registry.file.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.security.Scope;
import org.sotay.core.testing.TestCallers;
import org.sotay.core.testing.TestClock;
import org.sotay.core.testing.TestConfig;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberDraft;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.api.OrgUnit;
import org.sotay.registry.api.RegistryPermissions;
import org.sotay.registry.api.StatusChange;
import org.sotay.registry.api.TransferDraft;
import org.sotay.registry.api.TransferKind;
import org.sotay.registry.api.UnitDraft;
import org.sotay.registry.api.UnitSummary;

/** The file-backed registry on a small province file, without Karaf: format, scope, search, order, counts, writes refused. */
class FileRegistryTest {
    static final String ROOT = "u-root", DA = "u-da", DB = "u-db", CA1 = "u-ca1", CA2 = "u-ca2", CB1 = "u-cb1", OLD = "u-old";

    @TempDir
    Path dir;
    Path file;
    TestClock clock = TestClock.at(LocalDateTime.of(2026, 12, 3, 9, 0));
    TestCallers callers = new TestCallers();
    RegistryFile registry;
    FileMemberService members;
    FileOrgUnitService units;
    FileOrgTree tree;
    FileDirectory directory;

    static String type(String code, boolean holds, int rank) {
        return "{\"kind\":\"type\",\"code\":\"" + code + "\",\"nameVi\":\"Loại " + code + "\",\"nameEn\":\"Type " + code + "\",\"holdsMembers\":" + holds
                + ",\"rank\":" + rank + "}";
    }

    static String unit(String id, String code, String name, String type, String parent, String from, String to) {
        return "{\"kind\":\"unit\",\"id\":\"" + id + "\",\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"typeCode\":\"" + type + "\",\"parentId\":"
                + (parent == null ? "null" : "\"" + parent + "\"") + ",\"depth\":0,\"validFrom\":\"" + from + "\",\"validTo\":"
                + (to == null ? "null" : "\"" + to + "\"") + ",\"venue\":null,\"connectivity\":\"WIFI\",\"version\":3}";
    }

    static String member(String id, String card, String name, String cell, String status, boolean phone, boolean app, boolean account) {
        return "{\"kind\":\"member\",\"id\":\"" + id + "\",\"cardNumber\":\"" + card + "\",\"fullName\":\"" + name
                + "\",\"dateOfBirth\":\"1980-01-02\",\"gender\":\"FEMALE\",\"ethnicity\":\"Tày\",\"dateAdmitted\":\"2005-05-19\",\"dateOfficial\":\"2006-05-19\""
                + ",\"status\":\"" + status + "\",\"statusSince\":\"2006-05-19\",\"cellId\":\"" + cell + "\",\"residenceUnitId\":null,\"phone\":\"0912345678\""
                + ",\"email\":null,\"usesSmartphone\":" + phone + ",\"appInstalled\":" + app + ",\"appInstalledOn\":null,\"accountRegistered\":" + account
                + ",\"accountRegisteredOn\":null,\"createdAt\":\"2024-01-01T00:00:00Z\",\"updatedAt\":\"2024-02-01T00:00:00Z\",\"version\":7}";
    }

    static List<String> province() {
        List<String> l = new ArrayList<>(List.of("# a province exported from the national database",
                type("PROVINCE", false, 1), type("DISTRICT", false, 2), type("CELL", true, 4),
                unit(ROOT, "TQ", "Đảng bộ tỉnh Tuyên Quang", "PROVINCE", null, "1940-03-01", null),
                unit(DA, "TQ.YS", "Huyện ủy Yên Sơn", "DISTRICT", ROOT, "1950-01-01", null),
                unit(DB, "TQ.HY", "Huyện ủy Hàm Yên", "DISTRICT", ROOT, "1950-01-01", null),
                unit(CA1, "TQ.YS.1", "Chi bộ thôn Đồng Bài", "CELL", DA, "1960-01-01", null),
                unit(CA2, "TQ.YS.2", "Chi bộ thôn An Khang", "CELL", DA, "1960-01-01", null),
                unit(OLD, "TQ.YS.9", "Chi bộ thôn Cũ", "CELL", DA, "1960-01-01", "2020-01-01"),
                unit(CB1, "TQ.HY.1", "Chi bộ thôn Bình Xa", "CELL", DB, "1960-01-01", null)));
        l.add(member("m1", "01.000.001", "Nguyễn Văn Ánh", CA1, "OFFICIAL", true, true, true));
        l.add(member("m2", "01000002", "Ma Thế Hồng", CA1, "OFFICIAL", true, false, false));
        l.add(member("m3", "01000003", "Đặng Thị Đào", CA2, "PROBATIONARY", false, false, false));
        l.add(member("m4", "01000004", "Lê Văn An", CB1, "OFFICIAL", true, true, false));
        l.add(member("m5", "01000005", "Trần Anh", CB1, "LEFT", true, true, true));
        l.add(member("m6", "02000006", "Hoàng Ăn", CA2, "OFFICIAL", false, false, false));
        return l;
    }

    @BeforeEach
    void setUp() throws Exception {
        file = dir.resolve("registry.jsonl");
        Files.write(file, province(), StandardCharsets.UTF_8);
        registry = new RegistryFile(TestConfig.of(RegistryFileConfig.class, Map.of("file", file.toString())), clock);
        members = new FileMemberService(registry, callers, clock);
        units = new FileOrgUnitService(registry, callers, clock);
        tree = new FileOrgTree(registry);
        directory = new FileDirectory(registry);
        callers.as(TestCallers.caller("province", Set.of(ROOT), RegistryPermissions.READ, RegistryPermissions.MEMBER_WRITE,
                RegistryPermissions.UNIT_WRITE));
    }

    private List<String> names(MemberQuery q) {
        return members.search(q, PageRequest.of(0, 200)).getItems().stream().map(Member::fullName).toList();
    }

    private static MemberQuery text(String t) {
        return new MemberQuery(t, null, null, null, null, null);
    }

    @Test
    void treeAndLineagesComeFromTheFile() {
        assertEquals(List.of(ROOT), tree.roots());
        assertEquals(List.of(ROOT, DA, CA1), tree.lineage(CA1));
        assertEquals(List.of(), tree.lineage("nope"));
        assertEquals(List.of("/u-root/"), Scope.of(callers.current(), RegistryPermissions.READ, tree).paths());
        assertEquals("/u-root/u-da/u-ca1/", org.sotay.core.api.security.OrgTree.path(tree.lineage(CA1)));
        // the types by rank
        assertEquals(List.of("PROVINCE", "DISTRICT", "CELL"), units.types().stream().map(t -> t.code()).toList());
        assertEquals(List.of("Huyện ủy Hàm Yên", "Huyện ủy Yên Sơn"), units.children(ROOT, PageRequest.of(0, 10)).getItems().stream().map(OrgUnit::name).toList());
        // the closed cell is not a child today, but is in the tree of a day it was open, in Vietnamese order (An < Cũ < Đồng)
        assertEquals(List.of("Chi bộ thôn An Khang", "Chi bộ thôn Đồng Bài"), units.children(DA, PageRequest.of(0, 10)).getItems().stream().map(OrgUnit::name).toList());
        assertEquals(List.of(DA, CA2, OLD, CA1), units.treeAt(DA, LocalDate.of(2019, 6, 1)).stream().map(OrgUnit::id).toList());
        assertEquals(List.of(DA, CA2, CA1), units.treeAt(DA, null).stream().map(OrgUnit::id).toList());
    }

    @Test
    void searchFindsNamesWithOrWithoutDiacriticsInVietnameseOrder() {
        // given name first, then the rest (VietnameseText.nameSortKey, the registry's order): letters before tones over the whole
        // name, so "Ánh Nguyễn Văn" before "Anh Trần" (n < t), a < ă as letters (Ánh before Ăn), d < đ < h
        assertEquals(List.of("Lê Văn An", "Nguyễn Văn Ánh", "Trần Anh", "Hoàng Ăn", "Đặng Thị Đào", "Ma Thế Hồng"), names(MemberQuery.all()));
        assertEquals(List.of("Ma Thế Hồng"), names(text("ma the hong")));
        assertEquals(List.of("Ma Thế Hồng"), names(text("MA THẾ HỒNG")));
        assertEquals(List.of("Đặng Thị Đào"), names(text("dang thi dao")));
        assertEquals(List.of("Lê Văn An", "Nguyễn Văn Ánh"), names(text("văn")));
        // a card number prefix, written with or without its dots
        assertEquals(List.of("Lê Văn An", "Nguyễn Văn Ánh", "Trần Anh", "Đặng Thị Đào", "Ma Thế Hồng"), names(text("01.000")));
        assertEquals(List.of("Hoàng Ăn"), names(text("0200")));
        assertEquals(List.of("Trần Anh"), names(new MemberQuery(null, null, MemberStatus.LEFT, null, null, null)));
        assertEquals(List.of("Lê Văn An", "Nguyễn Văn Ánh", "Trần Anh"), names(new MemberQuery(null, null, null, null, true, null)));
        assertEquals(List.of("Hoàng Ăn", "Đặng Thị Đào"), names(new MemberQuery(null, CA2, null, null, null, null)));
        var page = members.search(MemberQuery.all(), PageRequest.of(2, 2));
        assertEquals(6, page.getTotal());
        assertEquals(List.of("Trần Anh", "Hoàng Ăn"), page.getItems().stream().map(Member::fullName).toList());
        assertEquals(4, page.getNextOffset());
        SotayException tooLong = assertThrows(SotayException.class, () -> members.search(text("x".repeat(201)), PageRequest.of(0, 10)));
        assertEquals(400, tooLong.type().status());
    }

    @Test
    void everyReadIsLimitedToTheCallersSubtrees() {
        callers.as(TestCallers.caller("yen-son", Set.of(DA), RegistryPermissions.READ));
        assertEquals(List.of("Nguyễn Văn Ánh", "Hoàng Ăn", "Đặng Thị Đào", "Ma Thế Hồng"), names(MemberQuery.all()));
        assertEquals(List.of(), names(text("le van an")));
        assertEquals("m1", members.get("m1").id());
        assertNotFound(() -> members.get("m4"));
        assertNotFound(() -> members.get("no-such-member"));
        assertNotFound(() -> units.get(DB));
        assertNotFound(() -> units.summary(ROOT));
        assertNotFound(() -> members.search(new MemberQuery(null, CB1, null, null, null, null), PageRequest.of(0, 10)));
        assertNotFound(() -> members.memberships("m4"));
        assertEquals(List.of(DA), units.roots().stream().map(OrgUnit::id).toList());
        List<String> exported = new ArrayList<>();
        members.forEachMember(DA, (m, cellCode) -> exported.add(m.id() + "@" + cellCode));
        assertEquals(List.of("m1@TQ.YS.1", "m6@TQ.YS.2", "m3@TQ.YS.2", "m2@TQ.YS.1"), exported);
        // no grant at all: nothing
        callers.as(TestCallers.caller("nobody", Set.of(), RegistryPermissions.READ));
        assertEquals(0, members.search(MemberQuery.all(), PageRequest.of(0, 10)).getTotal());
        assertEquals(List.of(), units.roots());
        // a member's own record, whatever they hold
        callers.as(TestCallers.member("hong", "m2", Map.of()));
        assertEquals("Ma Thế Hồng", members.self().fullName());
    }

    @Test
    void summariesCountTheWholeSubtreeAsTheRegistryDoes() {
        UnitSummary root = units.summary(ROOT);
        // six members, five active (Trần Anh left); of the active: three smartphone users, two installs, one account
        assertEquals(List.of(2, 6L, 5L, 3L, 2L, 1L), List.of(root.children(), root.members(), root.activeMembers(), root.smartphoneUsers(),
                root.appInstalled(), root.accountRegistered()));
        List<UnitSummary> districts = units.childSummaries(ROOT);
        assertEquals(List.of("Huyện ủy Hàm Yên:2:1", "Huyện ủy Yên Sơn:4:4"),
                districts.stream().map(s -> s.unit().name() + ":" + s.members() + ":" + s.activeMembers()).toList());
        assertEquals(CA1, members.cellAt("m1", LocalDate.of(2010, 1, 1)));
        assertNull(members.cellAt("m1", LocalDate.of(2000, 1, 1)));
        assertEquals(List.of(), members.statusHistory("m1"));
        assertEquals("TQ.YS.1", members.memberships("m1").get(0).unitCode());
    }

    @Test
    void theDirectoryFindsMembersAcrossTheTreeAndRefusesFlags() {
        assertEquals("m1", directory.byCardNumber("01000001").orElseThrow().id());
        assertEquals("m1", directory.byCardNumber("01 000 001").orElseThrow().id());
        assertEquals(CB1, directory.byId("m4").orElseThrow().cellId());
        assertTrue(directory.byId("nope").isEmpty());
        assertReadOnly(() -> directory.accountRegistered("m2", LocalDate.of(2026, 12, 1)));
        assertReadOnly(() -> directory.appInstalled("m2", LocalDate.of(2026, 12, 1)));
    }

    @Test
    void everyWriteIsRefusedAsReadOnlyAndNothingChanges() throws Exception {
        byte[] before = Files.readAllBytes(file);
        MemberDraft draft = new MemberDraft("09000001", "Phạm Thị Mới", LocalDate.of(1990, 1, 1), org.sotay.registry.api.Gender.FEMALE, null,
                LocalDate.of(2020, 1, 1), null, CA1, null, null, null, false, null);
        assertReadOnly(() -> members.create(draft));
        assertReadOnly(() -> members.update("m1", draft));
        assertReadOnly(() -> members.update("no-such-member", draft));
        assertReadOnly(() -> members.transfer("m1", new TransferDraft(CB1, TransferKind.OFFICIAL, null, null, null, 7L)));
        assertReadOnly(() -> members.changeStatus("m1", new StatusChange(MemberStatus.LEFT, null, "chuyển đi", 7L)));
        assertReadOnly(() -> units.create(new UnitDraft("TQ.NEW", "Chi bộ mới", "CELL", DA, null, null, null)));
        assertReadOnly(() -> units.rename(CA1, "Chi bộ khác", null, 3));
        assertReadOnly(() -> units.move(CA1, DB, null, 3));
        assertReadOnly(() -> units.merge(CA1, CA2, null, "sáp nhập"));
        assertReadOnly(() -> units.split(CA1, new UnitDraft("X", "Y", "CELL", DA, null, null, null), List.of("m1"), List.of(), null, null));
        FileMemberImport imports = new FileMemberImport(registry);
        assertReadOnly(() -> imports.importCsv(new java.io.ByteArrayInputStream(new byte[0]), true));
        assertReadOnly(() -> imports.start(new java.io.ByteArrayInputStream(new byte[0]), false));
        assertNotFound(() -> imports.job("j1"));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(6, members.search(MemberQuery.all(), PageRequest.of(0, 10)).getTotal());
        assertEquals("Nguyễn Văn Ánh", members.get("m1").fullName());
    }

    @Test
    void aFileThatCannotBeServedIsRefusedWithItsLine() throws Exception {
        assertBad(List.of(), 0, "no unit");
        List<String> p = province();
        p.add(member("m9", "01000001", "Bản Sao", CA1, "OFFICIAL", true, true, true));
        assertBad(p, p.size(), "card number 01000001 twice");
        p = province();
        p.add(unit("u-x", "TQ.X", "Lạc", "CELL", "u-missing", "2000-01-01", null));
        assertBad(p, p.size(), "parent u-missing");
        p = province();
        p.add(member("m9", "09999999", "Không Chi Bộ", DA, "OFFICIAL", true, true, true));
        assertBad(p, p.size(), "holds no members");
        p = province();
        p.add(member("m9", "09999999", "Lạc", "u-gone", "OFFICIAL", true, true, true));
        assertBad(p, p.size(), "cell u-gone");
        p = province();
        p.add(3, "{\"kind\":\"unit\",\"id\":\"u-a\"");
        assertBad(p, 4, "not a JSON object");
        p = province();
        p.add(member("m9", "09999999", "Sai Trạng Thái", CA1, "RETIRED", true, true, true));
        assertBad(p, p.size(), "would not send");
        p = province();
        p.add(p.get(p.size() - 1).replace("\"version\":7}", "\"version\":7,\"salary\":1}"));
        assertBad(p, p.size(), "salary");
        p = province();
        p.add(p.get(p.size() - 1).replace("\"fullName\":\"Hoàng Ăn\"", "\"fullName\":null").replace("m6", "m9").replace("02000006", "02000009"));
        assertBad(p, p.size(), "\"fullName\" is required");
        p = province();
        p.add("{\"kind\":\"budget\"}");
        assertBad(p, p.size(), "unknown kind");
        p = new ArrayList<>(List.of(type("CELL", true, 1), unit("a", "A", "A", "CELL", "b", "2000-01-01", null),
                unit("b", "B", "B", "CELL", "a", "2000-01-01", null)));
        assertBad(p, 2, "its own ancestor");
        Files.write(file, new byte[] { '{', (byte) 0xC3, (byte) 0x28, '}' });
        Snapshot.BadFile notUtf8 = assertThrows(Snapshot.BadFile.class, () -> Snapshot.read(file, 0));
        assertTrue(notUtf8.getMessage().contains("not UTF-8"), notUtf8.getMessage());
        Snapshot.BadFile missing = assertThrows(Snapshot.BadFile.class, () -> Snapshot.read(dir.resolve("none.jsonl"), 0));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }

    @Test
    void theComponentDoesNotStartUnconfiguredOrWithABadFileAndKeepsServingOnABadChange() throws Exception {
        assertThrows(IllegalStateException.class, () -> new RegistryFile(TestConfig.of(RegistryFileConfig.class, Map.of()), clock));
        assertThrows(IllegalStateException.class, () -> new RegistryFile(TestConfig.of(RegistryFileConfig.class, Map.of("file", " ")), clock));
        assertThrows(IllegalStateException.class,
                () -> new RegistryFile(TestConfig.of(RegistryFileConfig.class, Map.of("file", dir.resolve("none.jsonl").toString())), clock));
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"kind\":\"unit\"}\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new RegistryFile(TestConfig.of(RegistryFileConfig.class, Map.of("file", bad.toString())), clock));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        // a change of configuration to a bad file: the old file keeps being served, health names the refused one
        registry.modified(TestConfig.of(RegistryFileConfig.class, Map.of("file", bad.toString())));
        assertEquals(6, members.search(MemberQuery.all(), PageRequest.of(0, 10)).getTotal());
        assertTrue(registry.check().details().get("refusedFile").toString().contains("line 1"));
        // and to a good one: served at once
        List<String> smaller = province().subList(0, province().size() - 2);
        Path next = dir.resolve("next.jsonl");
        Files.write(next, smaller, StandardCharsets.UTF_8);
        registry.modified(TestConfig.of(RegistryFileConfig.class, Map.of("file", next.toString())));
        assertEquals(4, members.search(MemberQuery.all(), PageRequest.of(0, 10)).getTotal());
        assertEquals(4, registry.check().details().get("members"));
        assertNull(registry.check().details().get("refusedFile"));
        System.setProperty("karaf.data", dir.toString());
        assertEquals(dir.resolve("registry.jsonl"), RegistryFile.file("${karaf.data}/registry.jsonl"));
    }

    private void assertBad(List<String> lines, int line, String reason) throws IOException {
        Files.write(file, lines, StandardCharsets.UTF_8);
        Snapshot.BadFile e = assertThrows(Snapshot.BadFile.class, () -> Snapshot.read(file, 0));
        assertEquals(line, e.line, e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static void assertReadOnly(Executable write) {
        SotayException e = assertThrows(SotayException.class, write::run);
        assertEquals("registry.read-only", e.type().slug());
        assertEquals(409, e.type().status());
        assertTrue(e.detail().vi().startsWith("Không thể "), e.detail().vi());
    }

    private static void assertNotFound(Executable read) {
        SotayException e = assertThrows(SotayException.class, read::run);
        assertEquals(404, e.type().status());
    }

    @FunctionalInterface
    interface Executable {
        void run() throws Throwable;
    }
}
