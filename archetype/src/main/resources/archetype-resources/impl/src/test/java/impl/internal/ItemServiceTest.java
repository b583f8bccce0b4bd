#set( $symbol_pound = '#' )
#set( $symbol_dollar = '$' )
package ${package}.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.testing.TestCallers;
import org.sotay.core.testing.TestClock;
import org.sotay.core.testing.TestPlatform;

import ${package}.api.${moduleClass}Events;
import ${package}.api.${moduleClass}Permissions;
import ${package}.api.Item;
import ${package}.api.ItemDraft;

/**
 * The real service, its persistence unit and migrations on a real database (in-memory Derby; PostgreSQL
 * with -Dsotay.test.db=postgresql and SOTAY_TEST_PG_URL/_USER/_PASSWORD), the platform's journal, a test clock
 * and a stand-in tree, in a second or two.
 */
class ItemServiceTest {
    /** root / district / cell, and another district beside it. */
    private static final OrgTree TREE = new OrgTree() {
        @Override
        public List<String> lineage(String unitId) {
            return switch (unitId) {
            case "root" -> List.of("root");
            case "district" -> List.of("root", "district");
            case "cell" -> List.of("root", "district", "cell");
            case "other" -> List.of("root", "other");
            default -> List.of();
            };
        }

        @Override
        public List<String> roots() {
            return List.of("root");
        }
    };

    private TestPlatform p;
    private ItemServiceImpl items;

    @BeforeEach
    void start() {
        p = TestPlatform.start(TestClock.at(LocalDateTime.of(2026, 12, 1, 8, 0)));
        p.migrate("${moduleName}", "db/migration/${moduleName}");
        p.tree(TREE);
        items = new ItemServiceImpl(p.jpa("sotay-${moduleName}"), p.callers(), p.journal(), p.systemClock(), TREE);
    }

    @AfterEach
    void stop() {
        p.close();
    }

    private void as(String unit, String... permissions) {
        p.callers().as(TestCallers.caller("staff@" + unit, Set.of(unit), permissions));
    }

    @Test
    void anItemIsCreatedAtAUnitWithItsAuditLineAndItsEvent() {
        as("district", ${moduleClass}Permissions.WRITE, ${moduleClass}Permissions.READ);
        Item i = items.create(new ItemDraft("cell", " Đảng viên Nguyễn Văn Ánh ", null));
        assertEquals("Đảng viên Nguyễn Văn Ánh", i.title());
        assertEquals(p.clock().instant(), i.createdAt());
        assertEquals(i, items.get(i.id()));
        List<Event> events = p.deliverEvents();
        assertEquals(1, events.size());
        assertEquals(${moduleClass}Events.ITEM_CREATED, events.get(0).getTopic());
        assertEquals(List.of("cell"), List.of((String[]) events.get(0).getProperty(${moduleClass}Events.UNITS)));
        assertEquals(List.of("item.create"), p.query("SELECT ACTION FROM CORE_AUDIT WHERE TARGET_ID = ?", rs -> rs.getString(1), i.id()));
    }

    @Test
    void readersSeeTheirSubtreeOnlyAndOutOfScopeIsNotFound() {
        as("root", ${moduleClass}Permissions.WRITE);
        Item inCell = items.create(new ItemDraft("cell", "Trong chi bộ", null));
        Item elsewhere = items.create(new ItemDraft("other", "Nơi khác", null));
        as("district", ${moduleClass}Permissions.READ);
        assertEquals(List.of(inCell.id()), items.list(null, PageRequest.first(10)).getItems().stream().map(Item::id).toList());
        assertEquals("not-found", assertThrows(SotayException.class, () -> items.get(elsewhere.id())).type().slug());
        assertEquals("not-found", assertThrows(SotayException.class, () -> items.list("other", PageRequest.first(10))).type().slug());
        as("district");
        assertEquals(0, items.list(null, PageRequest.first(10)).getTotal(), "no permission: nothing, whatever the filters");
    }

    @Test
    void aWriterCreatesOnlyInTheirSubtreeAndAnUnknownUnitLooksTheSame() {
        as("district", ${moduleClass}Permissions.WRITE);
        SotayException elsewhere = assertThrows(SotayException.class, () -> items.create(new ItemDraft("other", "t", null)));
        SotayException nowhere = assertThrows(SotayException.class, () -> items.create(new ItemDraft("no-such-unit", "t", null)));
        assertEquals(404, elsewhere.type().status());
        assertEquals(elsewhere.detail(), nowhere.detail());
        assertEquals(0L, p.query("SELECT COUNT(*) FROM ${tablePrefix}_ITEM", rs -> rs.getLong(1)).get(0));
    }

    @Test
    void everyFieldAtFaultIsReportedAtOnceAndNothingIsWritten() {
        as("district", ${moduleClass}Permissions.WRITE);
        SotayException e = assertThrows(SotayException.class, () -> items.create(new ItemDraft(null, " \u0000 x", 3L)));
        assertEquals(400, e.type().status());
        assertEquals(List.of("unitId:required", "version:not-allowed", "title:control-character"),
                e.errors().stream().map(f -> f.field() + ":" + f.code()).toList());
        assertEquals(0L, p.query("SELECT COUNT(*) FROM ${tablePrefix}_ITEM", rs -> rs.getLong(1)).get(0));
        // 200 Vietnamese letters fit a title of 200; 201 do not
        assertEquals(200, items.create(new ItemDraft("cell", "Đ".repeat(200), null)).title().length());
        assertEquals("title:too-long", assertThrows(SotayException.class, () -> items.create(new ItemDraft("cell", "Đ".repeat(201), null)))
                .errors().stream().map(f -> f.field() + ":" + f.code()).findFirst().orElseThrow());
    }

    @Test
    void anEditComparesTheVersionAndNeverMovesTheItem() {
        as("district", ${moduleClass}Permissions.WRITE);
        Item i = items.create(new ItemDraft("cell", "Lần đầu", null));
        Item edited = items.update(i.id(), new ItemDraft(null, "Lần hai", i.version()));
        assertEquals("Lần hai", edited.title());
        assertEquals("stale-version", assertThrows(SotayException.class,
                () -> items.update(i.id(), new ItemDraft(null, "Lần ba", i.version()))).type().slug());
        assertEquals("unitId", assertThrows(SotayException.class,
                () -> items.update(i.id(), new ItemDraft("other", "Lần ba", edited.version()))).errors().get(0).field());
        // one event per write (the outbox promises no order between them)
        List<String> topics = p.deliverEvents().stream().map(Event::getTopic).toList();
        assertEquals(2, topics.size());
        assertEquals(Set.of(${moduleClass}Events.ITEM_CREATED, ${moduleClass}Events.ITEM_UPDATED), Set.copyOf(topics));
    }
}
