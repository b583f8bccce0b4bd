package org.sotay.reporting.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.jobs.JobState;
import org.sotay.core.testing.TestClock;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberDraft;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.api.RegistryEvents;
import org.sotay.registry.api.StatusChange;
import org.sotay.registry.api.TransferDraft;
import org.sotay.registry.api.TransferKind;
import org.sotay.registry.impl.internal.RegistryHarness;
import org.sotay.reporting.api.Adoption;
import org.sotay.reporting.api.AdoptionReport;
import org.sotay.reporting.api.UnitAdoption;

class ReportingTest {
    private ReportingFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void theDemoProvinceShowsTheSeedsFiguresAndTheShareOverAHundredSaysWhy() throws Exception {
        f = ReportingFixture.start();
        RegistryHarness.Demo demo = f.registry.demo(f.p, 57_597, 20240525L);
        f.as(f.readerOf(demo.rootId()));
        // reporting has no figures yet: its first round rebuilds them from the registry
        assertEquals(0, f.aggregator.round());
        JobState job = f.aggregator.rebuilding().orElseThrow();
        assertEquals(JobState.Status.DONE, f.await(job.id()).status(), () -> String.valueOf(f.aggregator.job(job.id())));

        AdoptionReport r = f.reports.adoption(demo.rootId(), null, false);
        Adoption a = r.total().figures();
        assertEquals(57_597, a.members());
        assertEquals(48_597, a.installed());
        assertEquals(new BigDecimal("84.4"), a.installedOfAll().percent());
        assertEquals(46_728, a.target(), "the target group: smartphone users, exempt members left out");
        assertEquals(new BigDecimal("104.0"), a.installedOfTarget().percent());
        assertTrue(a.installedOfTarget().over100());
        assertEquals("installed-outside-target", a.installedOfTarget().reason().code());
        assertEquals(a.members(), a.exempt() + a.withoutSmartphone() + a.target(), "the denominators add up");
        assertFalse(a.installedOfAll().over100());
        assertEquals(demo.cells(), r.total().cells());
        assertEquals(demo.accountRegistered(), a.registered());
        assertEquals(10, r.children().size());
        long members = 0;
        long installed = 0;
        for (UnitAdoption c : r.children()) {
            members += c.figures().members();
            installed += c.figures().installed();
        }
        assertEquals(a.members(), members, "the level below adds up");
        assertEquals(a.installed(), installed);
        // the figures are those a scan of the registry gives
        Map<String, long[]> truth = f.fromRegistry();
        Map<String, long[]> kept = f.kept();
        assertEquals(truth.keySet(), kept.keySet());
        truth.forEach((unit, v) -> assertEquals(java.util.Arrays.toString(v), java.util.Arrays.toString(kept.get(unit)), unit));
    }

    @Test
    void theFiguresFollowTheRegistrysEvents() {
        f = ReportingFixture.start().withTree();
        f.ready();
        Member an = f.member(f.cellA1, "Lục Văn An", true);
        Member binh = f.member(f.cellA1, "Hà Thị Bình", true);
        f.member(f.cellA2, "Ma Văn Cường", false);
        f.settle();
        Adoption root = f.reports.adoption(f.root, null, false).total().figures();
        assertEquals(3, root.members());
        assertEquals(2, root.target());
        assertEquals(0, root.installed());
        assertEquals(3, f.reports.adoption(f.root, null, false).total().cells());

        // a status change, a transfer to another district: each district's figures move
        f.registry.members().changeStatus(binh.id(), new StatusChange(MemberStatus.EXEMPT, null, "sức khỏe yếu", binh.version()));
        f.registry.members().transfer(an.id(), new TransferDraft(f.cellB1, TransferKind.OFFICIAL, null, null, null,
                f.registry.members().get(an.id()).version()));
        f.settle();
        Adoption a = f.reports.adoption(f.districtA, null, false).total().figures();
        Adoption b = f.reports.adoption(f.districtB, null, false).total().figures();
        assertEquals(2, a.members());
        assertEquals(1, a.exempt());
        assertEquals(0, a.target(), "an exempt member leaves the target group");
        assertEquals(1, b.members());
        assertEquals(1, b.target());
        // an edit that changes nothing reporting counts changes nothing
        Map<String, String> before = f.snapshot();
        Member c = f.registry.members().get(an.id());
        f.registry.members().update(an.id(), new MemberDraft(c.cardNumber(), "Lục Văn Ân", c.dateOfBirth(), c.gender(), c.ethnicity(),
                c.dateAdmitted(), c.dateOfficial(), c.cellId(), c.residenceUnitId(), c.phone(), c.email(), c.usesSmartphone(), c.version()));
        f.settle();
        assertEquals(before, f.snapshot());
        assertKeptIsTheRegistrys();
    }

    @Test
    void aPastDayShowsTheTreeAsItWasOrRestatedOnTodays() {
        TestClock clock = TestClock.at(LocalDateTime.of(2026, 3, 10, 9, 0));
        f = ReportingFixture.start(clock).withTree();
        f.ready();
        f.member(f.cellA2, "Ma Văn Cường", true);
        f.member(f.cellA2, "Nông Thị Duyên", true);
        f.member(f.cellB1, "Triệu Văn Em", true);
        f.settle();
        LocalDate first = LocalDate.of(2026, 3, 10);
        clock.advance(Duration.ofDays(1));
        // the next day the cell of A moves to B's commune by a merge into B's cell
        f.registry.units().merge(f.cellA2, f.cellB1, null, "sáp nhập thôn");
        f.settle();

        AdoptionReport asItWas = f.reports.adoption(f.root, first, false);
        assertEquals(AdoptionReport.AS_IT_WAS, asItWas.tree());
        assertEquals(2, child(asItWas, f.districtA).figures().members(), "on the 10th, A had both");
        assertEquals(1, child(asItWas, f.districtB).figures().members());
        assertEquals(3, asItWas.total().cells());

        AdoptionReport restated = f.reports.adoption(f.root, first, true);
        assertEquals(AdoptionReport.TODAY, restated.tree());
        assertEquals(0, child(restated, f.districtA).figures().members(), "restated: the merged cell's members count where they are today");
        assertEquals(3, child(restated, f.districtB).figures().members());
        assertEquals(3, restated.total().figures().members());

        AdoptionReport today = f.reports.adoption(f.root, null, false);
        assertEquals(0, child(today, f.districtA).figures().members());
        assertEquals(3, child(today, f.districtB).figures().members());
        assertEquals(2, today.total().cells(), "the merged cell is closed");
        // a day before reporting knew the unit: not found, said plainly
        assertEquals("not-found", assertThrows(SotayException.class, () -> f.reports.adoption(f.root, first.minusDays(1), false)).type().slug());
        assertEquals("validation", assertThrows(SotayException.class, () -> f.reports.adoption(f.root, first.plusDays(2), false)).type().slug());
        assertEquals("validation", assertThrows(SotayException.class, () -> f.reports.adoption(f.root, LocalDate.of(999999999, 1, 1), false))
                .type().slug());
        assertKeptIsTheRegistrys();
    }

    @Test
    void aReaderSeesTheirSubtreeOnly() {
        f = ReportingFixture.start().withTree();
        f.ready();
        f.as(f.readerOf(f.districtA));
        assertEquals(2, f.reports.adoption(f.districtA, null, false).total().cells());
        assertEquals(2, f.reports.adoption(f.cellA1, null, false).total().cells() + 1);
        assertEquals("not-found", assertThrows(SotayException.class, () -> f.reports.adoption(f.root, null, false)).type().slug());
        assertEquals("not-found", assertThrows(SotayException.class, () -> f.reports.adoption(f.cellB1, null, false)).type().slug());
        assertEquals("not-found", assertThrows(SotayException.class, () -> f.reports.adoption("x".repeat(10_000), null, false)).type().slug());
        assertEquals("forbidden", assertThrows(SotayException.class, () -> f.reports.rebuild()).type().slug(), "a rebuild is the root's");
    }

    @Test
    void anEventDeliveredTwiceIsCountedOnce() {
        f = ReportingFixture.start().withTree();
        f.ready();
        f.member(f.cellA1, "Lục Văn An", true);
        InboxHandler handler = new InboxHandler(f.jpa, f.p.systemClock());
        for (Event e : f.p.deliverEvents()) {
            handler.handleEvent(e); // the second delivery of each
        }
        assertEquals(1L, (long) f.p.query("SELECT COUNT(*) FROM RPT_INBOX", rs -> rs.getLong(1)).get(0));
        f.settle();
        assertEquals(1, f.reports.adoption(f.root, null, false).total().figures().members());
        Event again = new Event(RegistryEvents.MEMBER_CREATED, Map.of(RegistryEvents.EVENT_ID, "later-copy", RegistryEvents.ID,
                f.p.events().get(f.p.events().size() - 1).getProperty(RegistryEvents.ID), RegistryEvents.UNITS, new String[] { f.cellA1 }));
        handler.handleEvent(again);
        f.settle();
        assertEquals(1, f.reports.adoption(f.root, null, false).total().figures().members(), "a late copy reads the same member again");
        assertNull(f.reports.adoption(f.root, null, false).total().figures().installedOfTarget().reason());
    }

    private void assertKeptIsTheRegistrys() {
        Map<String, long[]> truth = f.fromRegistry();
        Map<String, long[]> kept = f.kept();
        assertEquals(truth.keySet(), kept.keySet());
        truth.forEach((unit, v) -> assertEquals(java.util.Arrays.toString(v), java.util.Arrays.toString(kept.get(unit)), unit));
    }

    private static UnitAdoption child(AdoptionReport r, String id) {
        return r.children().stream().filter(c -> c.unit().id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no child " + id));
    }
}
