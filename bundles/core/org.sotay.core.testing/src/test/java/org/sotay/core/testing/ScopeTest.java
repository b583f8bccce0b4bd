package org.sotay.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.persistence.TypedQuery;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.api.security.Scope;

/**
 * The core scope predicate run for real, in JPQL through EclipseLink and in SQL, on the build's
 * database (Derby; PostgreSQL too with -Dsotay.test.db=postgresql). Also the harness itself: the
 * migrations and the persistence unit outside OSGi.
 */
class ScopeTest {
    private TestPlatform p;
    private TestJpa jpa;

    @BeforeEach
    void start() {
        p = TestPlatform.start();
        p.migrate("testing", "db/migration/testing");
        jpa = p.jpa("sotay-testing");
        jpa.tx(em -> {
            for (String path : List.of("/r/", "/r/a/", "/r/a/c1/", "/r/a/c2/", "/r/ab/", "/r/ab/c3/", "/r/b/", "/r/b/c4/", "/r/x_y/",
                    "/r/xzy/", "/r/p%q/", "/r/pzzq/")) {
                em.persist(new RowEntity(path, path));
            }
        });
    }

    @AfterEach
    void stop() {
        p.close();
    }

    private List<String> jpql(Scope scope, String extra) {
        return jpa.txExpr(em -> {
            TypedQuery<String> q = em.createQuery("SELECT r.id FROM RowEntity r WHERE " + scope.jpql("r.path") + extra + " ORDER BY r.path",
                    String.class);
            scope.parameters().forEach(q::setParameter);
            if (!extra.isEmpty()) {
                q.setParameter("flag", false);
            }
            return q.getResultList();
        });
    }

    private List<String> sql(Scope scope) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = p.connection();
                PreparedStatement ps = c.prepareStatement("SELECT ID FROM TST_ROW WHERE " + scope.sql("PATH") + " ORDER BY PATH")) {
            List<String> params = scope.sqlParameters();
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Test
    void aSubtreeIsItsUnitAndEverythingBelowNeverASiblingWithTheSamePrefix() throws Exception {
        Scope a = Scope.ofPaths(List.of("/r/a/"));
        List<String> want = List.of("/r/a/", "/r/a/c1/", "/r/a/c2/");
        assertEquals(want, jpql(a, ""));
        assertEquals(want, sql(a));
        // with another predicate beside it, and a boolean parameter (EclipseLink keeps binding)
        assertEquals(want, jpql(a, " AND r.flag = :flag"));
    }

    @Test
    void wildcardsInAPathNeverWidenTheScope() throws Exception {
        Scope underscore = Scope.ofPaths(List.of("/r/x_y/"));
        assertEquals(List.of("/r/x_y/"), jpql(underscore, ""));
        assertEquals(List.of("/r/x_y/"), sql(underscore));
        Scope percent = Scope.ofPaths(List.of("/r/p%q/"));
        assertEquals(List.of("/r/p%q/"), jpql(percent, ""));
        assertEquals(List.of("/r/p%q/"), sql(percent));
        // beside an ordinary path and a boolean parameter, EclipseLink still binds everything
        Scope mixed = Scope.ofPaths(List.of("/r/x_y/", "/r/b/"));
        assertEquals(List.of("/r/b/", "/r/b/c4/", "/r/x_y/"), jpql(mixed, " AND r.flag = :flag"));
    }

    @Test
    void severalSubtreesAndNestedGrants() throws Exception {
        Scope s = Scope.ofPaths(List.of("/r/b/", "/r/a/c1/", "/r/a/"));
        assertEquals(List.of("/r/a/", "/r/b/"), s.paths(), "a grant inside another adds nothing");
        assertEquals(List.of("/r/a/", "/r/a/c1/", "/r/a/c2/", "/r/b/", "/r/b/c4/"), jpql(s, ""));
        assertEquals(jpql(s, ""), sql(s));
        assertTrue(s.covers("/r/b/c4/"));
        assertFalse(s.covers("/r/ab/"));
        assertFalse(s.everything());
        assertTrue(Scope.ofPaths(List.of("/r/")).everything());
    }

    @Test
    void noGrantIsNothingAndNoLiteral() throws Exception {
        Scope none = Scope.ofPaths(List.of());
        assertTrue(none.nowhere());
        assertEquals(List.of(), jpql(none, ""));
        assertEquals(List.of(), jpql(none, " AND r.flag = :flag"));
        assertEquals(List.of(), sql(none));
    }

    @Test
    void fromACallersGrantsThroughTheTree() throws Exception {
        OrgTree tree = new OrgTree() {
            @Override
            public List<String> lineage(String unitId) {
                return switch (unitId) {
                case "a" -> List.of("r", "a");
                case "c4" -> List.of("r", "b", "c4");
                default -> List.of();
                };
            }

            @Override
            public List<String> roots() {
                return List.of("r");
            }
        };
        Scope s = Scope.of(TestCallers.caller("staff", Set.of("a", "c4", "unknown"), "x.read"), "x.read", tree);
        assertEquals(List.of("/r/a/", "/r/a/c1/", "/r/a/c2/", "/r/b/c4/"), jpql(s, ""));
        assertTrue(Scope.of(TestCallers.caller("staff", Set.of("a"), "x.read"), "x.write", tree).nowhere());
    }

    @Test
    void aNamedCopyBindsItsOwnParameters() {
        Scope s = Scope.ofPaths(List.of("/r/a/")).named("owner");
        assertEquals(Set.of("owner0"), s.parameters().keySet());
        assertThrows(IllegalArgumentException.class, () -> s.named("bad name"));
    }
}
