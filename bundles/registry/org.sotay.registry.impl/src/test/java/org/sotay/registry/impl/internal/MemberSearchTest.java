package org.sotay.registry.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.testing.TestCallers;
import org.sotay.core.testing.TestPlatform;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberDraft;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.OrgUnit;
import org.sotay.registry.api.TransferDraft;
import org.sotay.registry.api.TransferKind;
import org.sotay.registry.api.UnitDraft;

/** Name, card and list searches through their indexes, scope, keyset pages and bounded totals, on the harness's database. */
class MemberSearchTest {
    private RegistryFixture f;

    @BeforeEach
    void start() {
        f = RegistryFixture.start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private Page<Member> find(String q) {
        return f.members.search(new MemberQuery(q, null, null, null, null, null), PageRequest.first(50));
    }

    private static List<String> names(Page<Member> p) {
        return p.getItems().stream().map(Member::fullName).toList();
    }

    private static List<String> fields(SotayException e) {
        return e.errors().stream().map(x -> x.field() + ":" + x.code()).toList();
    }

    @Test
    void everyWordBeginsAWordOfTheNameWithOrWithoutDiacriticsInVietnameseOrder() {
        f.member(f.cellA1, "Nguyễn Văn Lân");
        f.member(f.cellA1, "Nguyễn Thị Lan");
        f.member(f.cellA2, "Trần Văn An");
        f.member(f.cellB1, "Lê Nguyên Vân");
        f.member(f.cellB1, "Hoàng Thị Xuân");
        f.member(f.cellA2, "Đặng Văn Đức");
        // given name first: Lân before Vân
        assertEquals(List.of("Nguyễn Văn Lân", "Lê Nguyên Vân"), names(find("nguyen van")));
        assertEquals(List.of("Nguyễn Văn Lân", "Lê Nguyên Vân"), names(find("NGUYỄN vă")));
        assertEquals(List.of("Nguyễn Văn Lân", "Lê Nguyên Vân"), names(find("van  nguy")));
        assertEquals(List.of("Trần Văn An", "Đặng Văn Đức", "Nguyễn Văn Lân", "Lê Nguyên Vân"), names(find("van")));
        // "đ" is "d"; a word must begin with the query word, not merely contain it
        assertEquals(List.of("Đặng Văn Đức"), names(find("dang duc")));
        assertEquals(List.of(), names(find("uan")), "a word prefix, not a substring");
        assertEquals(List.of("Hoàng Thị Xuân"), names(find("xuân")));
        assertEquals(List.of("Nguyễn Thị Lan", "Nguyễn Văn Lân"), names(find("lan")), "lan and lân, Lan first (tone order)");
        assertEquals(2, find("lan").getTotal());
        assertTrue(find("lan").isTotalExact());
    }

    @Test
    void wildcardsPunctuationAndVeryLongInputAreAnsweredNeverScanned() {
        f.member(f.cellA1, "Nguyễn Văn Lân");
        assertEquals(0, find("100%").getTotal());
        assertEquals(List.of("Nguyễn Văn Lân"), names(find("nguyen%van")), "% separates words like a space");
        assertEquals(List.of("q:no-words"), fields(assertThrows(SotayException.class, () -> find("_"))));
        assertEquals(List.of("q:no-words"), fields(assertThrows(SotayException.class, () -> find("%%% ... --"))));
        assertEquals(List.of("q:too-many-words"), fields(assertThrows(SotayException.class, () -> find("a b c d e f g"))));
        assertEquals(List.of("q:too-long"), fields(assertThrows(SotayException.class, () -> find("x".repeat(201)))));
        assertEquals(0, find("nguyen" + "x".repeat(40)).getTotal(), "a word longer than the index's keys");
        assertEquals(0, find("'; DROP TABLE REG_MEMBER; --").getTotal());
        assertEquals(1, find("lan").getTotal());
    }

    @Test
    void theScopeIsInTheQuery() {
        f.member(f.cellA1, "Nguyễn Văn Lân");
        f.member(f.cellB1, "Nguyễn Văn Bình");
        f.as(f.staffOf(f.districtA));
        assertEquals(List.of("Nguyễn Văn Lân"), names(find("nguyen van")));
        assertEquals(List.of("Nguyễn Văn Lân"), names(f.members.search(MemberQuery.all(), PageRequest.first(10))));
        assertEquals(1, f.members.search(new MemberQuery("08", null, null, null, null, null), PageRequest.first(10)).getTotal());
        assertEquals("not-found", assertThrows(SotayException.class,
                () -> f.members.search(new MemberQuery("nguyen", f.cellB1, null, null, null, null), PageRequest.first(10))).type().slug());
        f.as(f.admin());
        assertEquals(List.of("Nguyễn Văn Bình"),
                names(f.members.search(new MemberQuery("nguyen", f.cellB1, null, null, null, null), PageRequest.first(10))));
        assertEquals(List.of("Nguyễn Văn Bình", "Nguyễn Văn Lân"), names(find("nguyen")));
    }

    @Test
    void aSubtreesNameSearchFollowsTransfersMergesSplitsAndMoves() {
        LocalDate today = LocalDate.now(f.p.clock());
        Member lan = f.member(f.cellA1, "Nguyễn Văn Lân");
        f.member(f.cellB1, "Nguyễn Văn Bình");
        assertEquals(List.of("Nguyễn Văn Lân"), inDistrict(f.districtA, "nguyen van"));
        // an official transfer to district B: A's search no longer finds the member, B's does
        f.as(f.admin());
        f.members.transfer(lan.id(), new TransferDraft(f.cellB1, TransferKind.OFFICIAL, today, null, "chuyển nhà", lan.version()));
        assertEquals(List.of(), inDistrict(f.districtA, "nguyen van"));
        assertEquals(List.of("Nguyễn Văn Bình", "Nguyễn Văn Lân"), inDistrict(f.districtB, "nguyen van"));
        assertEquals(0, staleRows(), "every index row names its member's cell");
        // cell B1 merged into A2: both members are A's now
        f.as(f.admin());
        f.units.merge(f.cellB1, f.cellA2, today, "sáp nhập");
        assertEquals(List.of("Nguyễn Văn Bình", "Nguyễn Văn Lân"), inDistrict(f.districtA, "nguyen van"));
        assertEquals(List.of(), inDistrict(f.districtB, "nguyen van"));
        // a split takes Lân into a new cell of A; the cell asked for directly finds the member there only
        f.as(f.admin());
        OrgUnit created = f.units.split(f.cellA2, new UnitDraft("A.1.03", "Chi bộ thôn Pác Cháng", null, null, null, null, null),
                List.of(lan.id()), List.of(), today, "tách thôn");
        f.as(f.admin());
        assertEquals(List.of("Nguyễn Văn Lân"), names(f.members.search(new MemberQuery("van", created.id(), null, null, null, null), PageRequest.first(10))));
        assertEquals(List.of("Nguyễn Văn Bình"), names(f.members.search(new MemberQuery("van", f.cellA2, null, null, null, null), PageRequest.first(10))));
        // the grassroots committee moved to district B with its cells: the rows keep their cells, the paths moved
        long version = f.units.get(f.grassA).version();
        f.units.move(f.grassA, f.districtB, today, version);
        assertEquals(List.of("Nguyễn Văn Bình", "Nguyễn Văn Lân"), inDistrict(f.districtB, "nguyen van"));
        assertEquals(List.of(), inDistrict(f.districtA, "nguyen van"));
        assertEquals(0, staleRows());
    }

    private List<String> inDistrict(String district, String q) {
        f.as(f.staffOf(district));
        return names(find(q));
    }

    private long staleRows() {
        return f.p.query("SELECT COUNT(*) FROM REG_MEMBER_WORD w JOIN REG_MEMBER m ON m.ID = w.MEMBER_ID WHERE w.CELL_ID <> m.CELL_ID",
                rs -> rs.getLong(1)).get(0);
    }

    @Test
    void aCardNumberPrefixIsARangeOfTheCardIndexInCardOrder() {
        Member a = f.members.create(withCard(f.draft(f.cellA1, "Lò Văn Páo"), "0811000019"));
        Member b = f.members.create(withCard(f.draft(f.cellA1, "Ma Văn An"), "0811000010"));
        f.members.create(withCard(f.draft(f.cellB1, "Hà Thị Hoa"), "0812000000"));
        f.members.create(withCard(f.draft(f.cellB1, "Hà Thị Huệ"), "0810999999"));
        Page<Member> p = f.members.search(new MemberQuery("081 100 00", null, null, null, null, null), PageRequest.first(10));
        assertEquals(List.of(b.id(), a.id()), p.getItems().stream().map(Member::id).toList());
        assertEquals(1, f.members.search(new MemberQuery("0811000019", null, null, null, null, null), PageRequest.first(10)).getTotal());
        assertEquals(0, f.members.search(new MemberQuery("08110000199999999999999", null, null, null, null, null), PageRequest.first(10))
                .getTotal());
        Page<Member> first = f.members.search(new MemberQuery("0811", null, null, null, null, null), PageRequest.first(1));
        assertNotNull(first.getNextCursor());
        Page<Member> second = f.members.search(new MemberQuery("0811", null, null, null, null, null), PageRequest.after(first.getNextCursor(), 1));
        assertEquals(List.of(a.id()), second.getItems().stream().map(Member::id).toList());
        assertNull(second.getNextCursor());
    }

    private static MemberDraft withCard(MemberDraft d, String card) {
        return new MemberDraft(card, d.fullName(), d.dateOfBirth(), d.gender(), d.ethnicity(), d.dateAdmitted(), d.dateOfficial(), d.cellId(),
                d.residenceUnitId(), d.phone(), d.email(), d.usesSmartphone(), d.version());
    }

    @Test
    void keysetPagesNeverSkipOrRepeatAMemberWhileOthersAreAdded() {
        String[] given = { "An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Khánh", "Lan", "Minh", "Nam", "Oanh", "Phúc", "Quân",
                "Sơn", "Tâm", "Uyên", "Vân", "Xuân", "Yến" };
        Set<String> before = new HashSet<>();
        for (int i = 0; i < given.length; i++) {
            before.add(f.member(i % 2 == 0 ? f.cellA1 : f.cellB1, "Nguyễn Văn " + given[i]).id());
        }
        for (String q : new String[] { null, "nguyen van" }) {
            List<String> seen = new ArrayList<>();
            Set<String> addedAfterCursor = new HashSet<>();
            Page<Member> page = f.members.search(new MemberQuery(q, null, null, null, null, null), PageRequest.first(4));
            int round = 0;
            while (true) {
                page.getItems().forEach(m -> seen.add(m.id()));
                if (page.getNextCursor() == null) {
                    break;
                }
                // between two pages: one member who sorts before everything read, one after the cursor
                f.member(f.cellA2, "Nguyễn Văn Aa" + "a".repeat(round));
                addedAfterCursor.add(f.member(f.cellA2, "Nguyễn Văn Ý" + "y".repeat(round)).id());
                round++;
                page = f.members.search(new MemberQuery(q, null, null, null, null, null), PageRequest.after(page.getNextCursor(), 4));
            }
            assertEquals(seen.size(), new HashSet<>(seen).size(), "no member twice: " + q);
            assertTrue(seen.containsAll(before), "every member that was there from the start: " + q);
            assertTrue(seen.containsAll(addedAfterCursor), "every member added after the cursor: " + q);
            List<String> keys = seen.stream().map(id -> f.members.get(id).fullName()).map(org.sotay.core.api.VietnameseText::nameSortKey).toList();
            assertEquals(keys.stream().sorted().toList(), keys, "Vietnamese order across the pages: " + q);
        }
    }

    @Test
    void offsetsAreCappedAndCursorsAreChecked() {
        f.member(f.cellA1, "Nguyễn Văn Lân");
        f.member(f.cellA1, "Nguyễn Văn Lâm");
        assertEquals(List.of("offset:use-cursor"), fields(assertThrows(SotayException.class,
                () -> f.members.search(MemberQuery.all(), PageRequest.of(MemberSearch.MAX_OFFSET + 1, 10)))));
        Page<Member> list = f.members.search(MemberQuery.all(), PageRequest.first(1));
        assertNotNull(list.getNextCursor());
        assertEquals(List.of("cursor:invalid"), fields(assertThrows(SotayException.class,
                () -> f.members.search(new MemberQuery("nguyen", null, null, null, null, null), PageRequest.after(list.getNextCursor(), 1)))),
                "a list's cursor is not a name search's");
        assertEquals(List.of("cursor:invalid"), fields(assertThrows(SotayException.class,
                () -> f.members.search(MemberQuery.all(), PageRequest.after("bm90LWEta2V5", 1)))));
        String forged = MemberSearch.encode(MemberSearch.Mode.LIST, "' OR 1=1", "x");
        assertEquals(List.of("cursor:invalid"), fields(assertThrows(SotayException.class,
                () -> f.members.search(MemberQuery.all(), PageRequest.after(forged, 1)))));
        // offset paging still works for old clients
        assertEquals(List.of("Nguyễn Văn Lân"), names(f.members.search(MemberQuery.all(), PageRequest.of(1, 10))));
    }

    @Test
    void aRenameRewritesTheIndexAndABackfillIndexesMembersWrittenBeforeIt() throws Exception {
        Member m = f.member(f.cellA1, "Nguyễn Văn Lân");
        Member renamed = f.members.update(m.id(), new MemberDraft(m.cardNumber(), "Nguyễn Văn Tùng", m.dateOfBirth(), m.gender(), m.ethnicity(),
                m.dateAdmitted(), m.dateOfficial(), m.cellId(), m.residenceUnitId(), m.phone(), m.email(), m.usesSmartphone(), m.version()));
        assertEquals("Nguyễn Văn Tùng", renamed.fullName());
        assertEquals(0, find("lan").getTotal());
        assertEquals(1, find("tung").getTotal());
        assertEquals(1, f.p.update("DELETE FROM REG_MEMBER_WORD WHERE MEMBER_ID = ?", m.id()) > 0 ? 1 : 0);
        assertEquals(0, find("tung").getTotal());
        try (Connection c = f.p.connection()) {
            assertEquals(1, MemberWords.fillIfNeeded(c), "the flag row of V8 says the index is not filled yet");
            assertEquals(-1, MemberWords.fillIfNeeded(c), "filled once");
            assertEquals(0, MemberWords.backfill(c));
        }
        assertEquals(1, find("nguyen tung").getTotal());
    }

    @Test
    void theTotalIsExactOnlyWhereItIsCheapAndALowerBoundElsewhere() throws Exception {
        try (TestPlatform p = TestPlatform.start()) {
            RegistryHarness r = RegistryHarness.on(p);
            RegistryHarness.Demo demo = r.demo(p, 3000, 7);
            p.callers().as(TestCallers.caller("root", Map.of("registry.read", Set.of(demo.rootId()))));
            Page<Member> all = r.members().search(MemberQuery.all(), PageRequest.first(20));
            assertFalse(all.isTotalExact());
            assertEquals(MemberSearch.COUNT_BOUND, all.getTotal());
            assertEquals(20, all.getNextOffset());
            assertNotNull(all.getNextCursor());
            String cell = p.query("SELECT CELL_ID FROM REG_MEMBER FETCH FIRST 1 ROWS ONLY", rs -> rs.getString(1)).get(0);
            long inCell = p.query("SELECT COUNT(*) FROM REG_MEMBER WHERE CELL_ID = ?", rs -> rs.getLong(1), cell).get(0);
            Page<Member> small = r.members().search(new MemberQuery(null, cell, null, null, null, null), PageRequest.first(5));
            assertTrue(small.isTotalExact());
            assertEquals(inCell, small.getTotal());
            // every member is reached by cursor, each once, in order
            Set<String> ids = new HashSet<>();
            String cursor = null;
            String previous = "";
            do {
                Page<Member> page = r.members().search(MemberQuery.all(), PageRequest.after(cursor, 200));
                for (Member m : page.getItems()) {
                    assertTrue(ids.add(m.id()));
                    String k = org.sotay.core.api.VietnameseText.nameSortKey(m.fullName());
                    assertTrue(previous.compareTo(k) <= 0);
                    previous = k;
                }
                cursor = page.getNextCursor();
            } while (cursor != null);
            assertEquals(3000, ids.size());
            // the demo loader indexed every generated name: a search by a generated member's own name finds them
            String[] one = p.query("SELECT ID, FULL_NAME FROM REG_MEMBER FETCH FIRST 1 ROWS ONLY", rs -> new String[] { rs.getString(1), rs.getString(2) })
                    .get(0);
            Page<Member> named = r.members().search(new MemberQuery(one[1], null, null, null, null, null), PageRequest.first(200));
            assertTrue(named.getItems().stream().anyMatch(m -> m.id().equals(one[0])), one[1]);
        }
    }
}
