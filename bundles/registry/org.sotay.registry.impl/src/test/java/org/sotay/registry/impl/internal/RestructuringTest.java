package org.sotay.registry.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sotay.core.api.SotayException;
import org.sotay.registry.api.Connectivity;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.OrgUnit;
import org.sotay.registry.api.UnitDraft;

/** Merges, splits, moves and renames with their dated history, through the real service and database. */
class RestructuringTest {
    private RegistryFixture f;
    private LocalDate today;

    @BeforeEach
    void start() {
        f = RegistryFixture.start();
        today = LocalDate.now(f.p.clock());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aMergeMovesMembersAndClosesTheSourceWithItsHistoryKept() {
        Member a = f.member(f.cellA2, "Nông Thị Hạnh");
        Member b = f.member(f.cellA2, "Sầm Văn Vinh");
        OrgUnit into = f.units.merge(f.cellA2, f.cellA1, today, "sáp nhập thôn");
        assertEquals(f.cellA1, into.id());
        assertEquals(f.cellA1, f.members.get(a.id()).cellId());
        assertEquals(f.cellA1, f.members.get(b.id()).cellId());
        assertEquals(today, f.units.get(f.cellA2).validTo());
        // the tree of yesterday still has the merged cell; today's does not
        assertTrue(f.units.treeAt(f.grassA, today.minusDays(1)).stream().anyMatch(u -> u.id().equals(f.cellA2)));
        assertTrue(f.units.treeAt(f.grassA, today).stream().noneMatch(u -> u.id().equals(f.cellA2)));
        assertEquals(f.cellA2, f.members.cellAt(a.id(), today.minusDays(1)));
        SotayException closed = assertThrows(SotayException.class, () -> f.member(f.cellA2, "Vào Chi Bộ Đóng"));
        assertEquals(400, closed.type().status());
        assertEquals("registry.restructure", assertThrows(SotayException.class,
                () -> f.units.merge(f.districtA, f.grassA, today, null)).type().slug(), "never into its own subtree");
    }

    @Test
    void aSplitMovesTheChosenMembersOnlyAndRefusesWhatItWouldIgnore() {
        Member stays = f.member(f.cellA1, "Quan Văn Hải");
        Member goes = f.member(f.cellA1, "Chẩu Thị Loan");
        UnitDraft withParent = new UnitDraft("A.1.03", "Chi bộ thôn Pác Cháng", null, f.districtB, null, null, null);
        SotayException e = assertThrows(SotayException.class,
                () -> f.units.split(f.cellA1, withParent, List.of(goes.id()), List.of(), today, null));
        assertEquals(List.of("newUnit.parentId:not-allowed"), e.errors().stream().map(x -> x.field() + ":" + x.code()).toList());
        UnitDraft withStart = new UnitDraft("A.1.03", "Chi bộ thôn Pác Cháng", null, null, today.minusYears(1), null, null);
        assertEquals("newUnit.validFrom", assertThrows(SotayException.class,
                () -> f.units.split(f.cellA1, withStart, List.of(goes.id()), List.of(), today, null)).errors().get(0).field());
        OrgUnit created = f.units.split(f.cellA1, new UnitDraft("A.1.03", "Chi bộ thôn Pác Cháng", null, null, null, null, null),
                List.of(goes.id()), List.of(), today, "tách thôn");
        assertEquals(f.grassA, created.parentId());
        assertEquals(created.id(), f.members.get(goes.id()).cellId());
        assertEquals(f.cellA1, f.members.get(stays.id()).cellId());
        // a member of another cell is refused, and nothing of the split is kept
        Member other = f.member(f.cellA2, "Lý Thị Vân");
        long units = f.p.query("SELECT COUNT(*) FROM REG_UNIT", rs -> rs.getLong(1)).get(0);
        assertThrows(SotayException.class, () -> f.units.split(f.cellA1, new UnitDraft("A.1.04", "Chi bộ mới", null, null, null, null, null),
                List.of(stays.id(), other.id()), List.of(), today, null));
        assertEquals(units, f.p.query("SELECT COUNT(*) FROM REG_UNIT", rs -> rs.getLong(1)).get(0));
        assertEquals(f.cellA1, f.members.get(stays.id()).cellId());
    }

    @Test
    void aMoveRewritesTheSubtreesPathsAndTheLineageCacheFollows() {
        Member m = f.member(f.cellA1, "Đào Văn Phong");
        assertEquals(List.of(f.root, f.districtA, f.grassA, f.cellA1), f.tree.lineage(f.cellA1));
        OrgUnit g = f.units.get(f.grassA);
        f.units.move(f.grassA, f.districtB, today, g.version());
        assertEquals(List.of(f.root, f.districtB, f.grassA, f.cellA1), f.tree.lineage(f.cellA1), "this node forgot its cached lineage");
        // district B's staff now see the member; district A's do not
        f.as(f.staffOf(f.districtB));
        assertNotNull(f.members.get(m.id()));
        f.as(f.staffOf(f.districtA));
        assertEquals("not-found", assertThrows(SotayException.class, () -> f.members.get(m.id())).type().slug());
    }

    @Test
    void theStaffOfAMovedUnitKeepTheirScopeAtOnceThoughItsPathWasCached() {
        Member m = f.member(f.cellA1, "Tạ Thị Huệ");
        f.as(f.staffOf(f.grassA));
        assertNotNull(f.members.get(m.id()), "read once: the path of grassroots A is cached for the scope");
        f.as(f.admin());
        f.units.move(f.grassA, f.districtB, today, f.units.get(f.grassA).version());
        f.as(f.staffOf(f.grassA));
        assertNotNull(f.members.get(m.id()), "the unit's new path, not the cached old one");
        assertEquals(1, f.members.search(null, org.sotay.core.api.PageRequest.parse(null, null)).getItems().size());
        f.as(f.staffOf(f.districtA));
        assertEquals("not-found", assertThrows(SotayException.class, () -> f.members.get(m.id())).type().slug());
    }

    @Test
    void theTreeAtADateCarriesEachUnitsCodeVenueAndConnectivity() {
        OrgUnit cell = f.units.create(new UnitDraft("A.1.09", "Chi bộ bản Khuổi Phầy", "CELL", f.grassA, today.minusDays(3),
                "Nhà văn hóa bản Khuổi Phầy", Connectivity.NONE));
        OrgUnit seen = f.units.treeAt(f.grassA, today).stream().filter(u -> u.id().equals(cell.id())).findFirst().orElseThrow();
        assertEquals("A.1.09", seen.code());
        assertEquals("Nhà văn hóa bản Khuổi Phầy", seen.venue());
        assertEquals(Connectivity.NONE, seen.connectivity(), "reporting counts a venue without internet from the tree");
    }

    @Test
    void aRenameIsDatedAndLongNamesFitTheirKeys() {
        OrgUnit u = f.units.get(f.cellA1);
        String longName = "Chi bộ " + "thôn Nà Tông ".repeat(22); // about 300 characters
        OrgUnit renamed = f.units.rename(f.cellA1, longName.strip().substring(0, Math.min(300, longName.strip().length())), today, u.version());
        assertEquals(today, f.units.treeAt(f.cellA1, today).get(0).validFrom());
        assertTrue(renamed.name().length() <= 300);
        assertEquals("effective", assertThrows(SotayException.class,
                () -> f.units.rename(f.cellA1, "Tên mới", LocalDate.of(999_999_999, 1, 1), renamed.version())).errors().get(0).field());
    }
}
