package org.sotay.registry.impl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.sotay.core.api.SotayException;
import org.sotay.core.testing.TestCallers;
import org.sotay.registry.api.ImportJob;
import org.sotay.registry.api.ImportReport;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.RegistryEvents;

/** Member imports, all or nothing, through the real service, database and scheduler. */
class ImportTest {
    private static final String HEADER = "Số thẻ,Họ và tên,Ngày sinh,Giới tính,Ngày vào Đảng,Ngày chính thức,Mã chi bộ\n";
    private RegistryFixture f;

    @BeforeEach
    void start() {
        f = RegistryFixture.start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static ByteArrayInputStream csv(String rows) {
        return new ByteArrayInputStream((HEADER + rows).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCardHeldOutsideTheScopeLooksLikeAnyTakenCardAndTellsNothingMore() {
        Member elsewhere = f.member(f.cellB1, "Triệu Thị Mai");
        f.as(f.staffOf(f.districtA));
        ImportReport r = f.imports.importCsv(csv(elsewhere.cardNumber() + ",Triệu Thị Mai,02/05/1970,Nữ,01/03/1995,01/03/1996,A.1.01\n"), true);
        assertEquals(List.of(), r.conflicts(), "no conflict naming the other member");
        assertEquals(1, r.errors().size());
        ImportReport.RowError e = r.errors().get(0);
        assertEquals("card-taken", e.code());
        assertFalse(e.messageEn().contains("scope"), e.messageEn());
        assertFalse(e.messageVi().contains(elsewhere.fullName()));
        // the same answer the API gives to creating that member
        assertEquals("registry.card-taken", assertThrows(SotayException.class, () -> f.members.create(new org.sotay.registry.api.MemberDraft(
                elsewhere.cardNumber(), "Triệu Thị Mai", java.time.LocalDate.of(1970, 5, 2), org.sotay.registry.api.Gender.FEMALE, null,
                java.time.LocalDate.of(1995, 3, 1), null, f.cellA1, null, null, null, false, null))).type().slug());
    }

    @Test
    void anAppliedImportAnnouncesTheCellsItTouchedAndAuditsTheirCommonUnit() {
        f.p.deliverEvents();
        // the importer holds grants in both districts; the file touches district A's cells only
        f.as(TestCallers.caller("staff-ab", java.util.Set.of(f.districtA, f.districtB), "registry.read", "registry.member.write"));
        ImportReport r = f.imports.importCsv(csv("08100001,Ma Thế Hồng,02/01/1970,Nam,1995-03-01,1996-03-01,A.1.01\n"
                + "08100002,Hà Thị Lan,03/02/1971,Nữ,1996-03-01,1997-03-01,A.1.02\n"), false);
        assertTrue(r.applied());
        assertEquals(2, r.created());
        List<Event> imported = f.p.deliverEvents().stream().filter(e -> e.getTopic().equals(RegistryEvents.MEMBERS_IMPORTED)).toList();
        assertEquals(1, imported.size());
        String[] units = (String[]) imported.get(0).getProperty(RegistryEvents.UNITS);
        java.util.Arrays.sort(units);
        String[] want = { f.cellA1, f.cellA2 };
        java.util.Arrays.sort(want);
        assertArrayEquals(want, units);
        List<String> unit = f.p.query("SELECT UNIT_ID FROM CORE_AUDIT WHERE ACTION = 'member.import'", rs -> rs.getString(1));
        assertEquals(List.of(f.grassA), unit, "the lowest unit above both cells, not the caller's first grant");
        // the same file again changes nothing and announces nothing
        ImportReport again = f.imports.importCsv(csv("08100001,Ma Thế Hồng,02/01/1970,Nam,1995-03-01,1996-03-01,A.1.01\n"
                + "08100002,Hà Thị Lan,03/02/1971,Nữ,1996-03-01,1997-03-01,A.1.02\n"), false);
        assertEquals(2, again.unchanged());
        assertEquals(0, f.p.deliverEvents().stream().filter(e -> e.getTopic().equals(RegistryEvents.MEMBERS_IMPORTED)).count());
    }

    @Test
    void hostileRowsAreRowErrorsAndTheFileWritesNothing() {
        ImportReport r = f.imports.importCsv(csv("08100001,Ma Thế Hồng,02/01/999999999,Nam,1995-03-01,,A.1.01\n"
                + "08100002,Hà\u0000Lan,-999999999-01-01,Nữ,1996-03-01,,A.1.02\n"
                + "08100003,Lý Văn An,31/02/1970,Nam,1996-03-01,,A.1.02\n"
                + "08100004,Lý Văn Bình,01/02/1970,Nam,+999999999-01-01,,A.1.02\n"
                + "08100005,Lý Văn Cường,01/02/1970,Nam,1996-03-01,," + "X".repeat(5000) + "\n"), false);
        assertFalse(r.applied());
        assertTrue(r.errors().size() >= 5, r.errors().toString());
        assertEquals(0L, f.p.query("SELECT COUNT(*) FROM REG_MEMBER", rs -> rs.getLong(1)).get(0));
    }

    @Test
    void aBrokenOrHostileFileIsA400ThatSaysWhyWithoutTheLibrarysWords() {
        SotayException unclosed = assertThrows(SotayException.class, () -> f.imports.importCsv(csv("08100001,\"Ma Thế Hồng\n"), false));
        assertEquals(400, unclosed.type().status());
        assertTrue(unclosed.detail().en().contains("quoted"), unclosed.detail().en());
        SotayException notUtf8 = assertThrows(SotayException.class,
                () -> f.imports.importCsv(new ByteArrayInputStream(new byte[] { (byte) 0xC3, (byte) 0x28, '\n' }), false));
        assertEquals("The file is not UTF-8.", notUtf8.detail().en());
    }

    @Test
    void aBackgroundImportIsAJobOnlyItsStarterReads() throws Exception {
        f.as(f.staffOf(f.districtA));
        ImportJob started = f.imports.start(csv("08100001,Ma Thế Hồng,02/01/1970,Nam,1995-03-01,1996-03-01,A.1.01\n"), false);
        assertEquals(ImportJob.Status.RUNNING, started.status());
        ImportJob job = started;
        long deadline = System.currentTimeMillis() + 20_000;
        while (job.status() == ImportJob.Status.RUNNING && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            job = f.imports.job(started.id());
        }
        assertEquals(ImportJob.Status.DONE, job.status(), String.valueOf(job.error()));
        assertTrue(job.report().applied());
        assertEquals(1, job.report().created());
        // the upload is gone from the file store once the job ends
        assertEquals(0L, f.p.query("SELECT COUNT(*) FROM CORE_BLOB", rs -> rs.getLong(1)).get(0));
        f.as(f.staffOf(f.districtB));
        assertEquals("not-found", assertThrows(SotayException.class, () -> f.imports.job(started.id())).type().slug());
    }

    @Test
    void aBackgroundUploadOverTheLimitIs413AndKeepsNothing() {
        f.imports.configure(org.sotay.core.testing.TestConfig.of(MemberImportImpl.Config.class, java.util.Map.of("maxFileBytes", 100L)));
        SotayException e = assertThrows(SotayException.class,
                () -> f.imports.start(csv("08100001,Ma Thế Hồng,02/01/1970,Nam,1995-03-01,1996-03-01,A.1.01\n".repeat(5)), false));
        assertEquals(413, e.type().status());
        assertTrue(e.detail().en().contains("100"), e.detail().en());
        assertEquals(0L, f.p.query("SELECT COUNT(*) FROM CORE_BLOB", rs -> rs.getLong(1)).get(0));
        assertEquals(0L, f.p.query("SELECT COUNT(*) FROM CORE_JOB", rs -> rs.getLong(1)).get(0));
    }
}
