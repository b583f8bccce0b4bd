package org.sotay.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.audit.AuditQuery;
import org.sotay.core.api.audit.AuditRecord;
import org.sotay.core.api.audit.AuditTrail;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.security.OrgTree;

/** The audit trail on a real database: scoped reads, and an export streamed in short keyset batches. */
class AuditTrailTest {
    private static final OrgTree TREE = new OrgTree() {
        @Override
        public List<String> lineage(String unitId) {
            return switch (unitId) {
            case "r" -> List.of("r");
            case "a" -> List.of("r", "a");
            case "b" -> List.of("r", "b");
            default -> List.of();
            };
        }

        @Override
        public List<String> roots() {
            return List.of("r");
        }
    };

    private TestPlatform p;

    @BeforeEach
    void start() throws Exception {
        p = TestPlatform.start();
        p.tree(TREE);
        p.callers().as(TestCallers.caller("writer", Set.of("r"), "x.write"));
        try (Connection c = p.connection()) {
            c.setAutoCommit(false);
            Journal.Entries log = p.journal().in("testing", c);
            for (int i = 0; i < 2_500; i++) {
                log.audit("thing.write", "thing", "t" + i, i % 2 == 0 ? "a" : "b", "line " + i);
                if (i % 100 == 0) {
                    p.clock().advance(Duration.ofMillis(1)); // some lines share a millisecond, some do not
                }
            }
            log.audit("thing.write", "thing", "nowhere", null, "a line of no unit");
            c.commit();
        }
    }

    @AfterEach
    void stop() {
        p.close();
    }

    @Test
    void theExportOfASubtreeIsEveryLineOfItInOrderAcrossBatches() {
        p.callers().as(TestCallers.caller("reader-a", Set.of("a"), AuditTrail.READ));
        List<AuditRecord> seen = new ArrayList<>();
        p.audit().forEach(AuditQuery.all(), seen::add);
        assertEquals(1_250, seen.size());
        assertTrue(seen.stream().allMatch(r -> "a".equals(r.unitId())));
        for (int i = 1; i < seen.size(); i++) {
            AuditRecord x = seen.get(i - 1);
            AuditRecord y = seen.get(i);
            assertTrue(x.at().isBefore(y.at()) || (x.at().equals(y.at()) && x.id().compareTo(y.id()) < 0), "ordered at " + i);
        }
        assertEquals(1_250, p.audit().find(AuditQuery.all(), PageRequest.first(10)).getTotal());
    }

    @Test
    void theRootSeesEveryLineAndNobodyElseReadsWithoutThePermission() {
        p.callers().as(TestCallers.caller("admin", Set.of("r"), AuditTrail.READ));
        List<AuditRecord> all = new ArrayList<>();
        p.audit().forEach(AuditQuery.all(), all::add);
        assertEquals(2_501, all.size(), "with the line of no unit");
        assertEquals(1, p.audit().find(new AuditQuery(null, null, null, null, "nowhere", null), PageRequest.first(10)).getTotal());
        assertEquals(0, p.audit().find(new AuditQuery(null, null, null, null, null, "no-such-unit"), PageRequest.first(10)).getTotal());
        p.callers().as(TestCallers.caller("nobody", Set.of("a"), "x.read"));
        assertEquals(403, assertThrows(SotayException.class, () -> p.audit().find(AuditQuery.all(), PageRequest.first(10))).type().status());
    }
}
