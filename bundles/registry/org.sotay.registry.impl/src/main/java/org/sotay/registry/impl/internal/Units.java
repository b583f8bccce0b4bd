package org.sotay.registry.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.persistence.EntityManager;
import javax.persistence.Query;

import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.Scope;

/**
 * The tree as the registry's own queries need it: the caller's scope from the registry's own paths
 * (the core {@link Scope} predicate), and the unit or member a caller may act on, or not found
 * (never "forbidden": a district cannot even learn another's ids exist).
 */
final class Units {
    private Units() {
    }

    /** A unit's path read from REG_UNIT at {@code at} (milliseconds of {@link System#nanoTime}). */
    private record CachedPath(String path, long at) {
    }

    /**
     * Paths of the units callers hold grants on, as {@link RegistryTree} caches lineages: for
     * {@link RegistryTree#CACHE_MILLIS}, dropped at once on the node that restructures and on every
     * node that handles the restructuring's event. A path out of date can only narrow a scope, never
     * widen it: a path is the chain of ids above a unit, so whatever lies under the unit's old path
     * still lies under the unit (and a unit moved away leaves nothing there).
     */
    private static final Map<String, CachedPath> PATHS = new ConcurrentHashMap<>();

    /** Drops the cached paths (the tree changed). */
    static void forgetPaths() {
        PATHS.clear();
    }

    /** The caller's subtrees for {@code permission}, their paths read from REG_UNIT (or the cache above). */
    static Scope scope(EntityManager em, Caller caller, String permission) {
        try {
            return cachedScope(caller.unitsFor(permission), ids -> {
                Map<String, String> found = new java.util.HashMap<>();
                for (int i = 0; i < ids.size(); i += 500) {
                    for (Object[] r : em.createQuery("SELECT u.id, u.path FROM UnitEntity u WHERE u.id IN :ids", Object[].class)
                            .setParameter("ids", ids.subList(i, Math.min(ids.size(), i + 500))).getResultList()) {
                        found.put((String) r[0], (String) r[1]);
                    }
                }
                return found;
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e); // JPA reads throw no SQLException
        }
    }

    /** {@link #scope} on a plain connection (outside JPA), from the same cache. */
    static Scope scopePaths(Connection c, Caller caller, String permission) throws SQLException {
        return cachedScope(caller.unitsFor(permission), ids -> {
            Map<String, String> found = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT PATH FROM REG_UNIT WHERE ID = ?")) {
                for (String id : ids) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            found.put(id, rs.getString(1));
                        }
                    }
                }
            }
            return found;
        });
    }

    /** Reads the paths of units by id (those found). */
    @FunctionalInterface
    private interface PathReader {
        Map<String, String> read(List<String> ids) throws SQLException;
    }

    /** The paths of {@code roots}: the cached ones, and the others as {@code load} reads them (then cached). */
    private static Scope cachedScope(Set<String> roots, PathReader load) throws SQLException {
        List<String> paths = new ArrayList<>();
        if (!roots.isEmpty()) {
            long now = System.nanoTime() / 1_000_000;
            List<String> missing = new ArrayList<>();
            for (String id : roots) {
                CachedPath c = PATHS.get(id);
                if (c != null && now - c.at() < RegistryTree.CACHE_MILLIS) {
                    paths.add(c.path());
                } else {
                    missing.add(id);
                }
            }
            if (!missing.isEmpty()) {
                Map<String, String> read = load.read(missing);
                if (PATHS.size() > 50_000) {
                    PATHS.clear();
                }
                read.forEach((id, path) -> {
                    paths.add(path);
                    PATHS.put(id, new CachedPath(path, now));
                });
            }
        }
        return Scope.ofPaths(paths);
    }

    static <Q extends Query> Q bind(Q q, Scope scope) {
        scope.parameters().forEach(q::setParameter);
        return q;
    }

    /** The unit if the caller holds {@code permission} over it; not found otherwise. */
    static UnitEntity visible(EntityManager em, Caller caller, String permission, String id) {
        if (id == null || id.isBlank() || id.length() > 36) {
            throw unitNotFound(id);
        }
        Scope scope = scope(em, caller, permission);
        List<UnitEntity> found = bind(em.createQuery("SELECT u FROM UnitEntity u WHERE u.id = :id AND " + scope.jpql("u.path"),
                UnitEntity.class), scope).setParameter("id", id).getResultList();
        if (found.isEmpty()) {
            throw unitNotFound(id);
        }
        return found.get(0);
    }

    /** The member if the caller holds {@code permission} over their cell; not found otherwise. */
    static MemberEntity member(EntityManager em, Caller caller, String permission, String id) {
        if (id == null || id.isBlank() || id.length() > 36) {
            throw memberNotFound(id);
        }
        Scope scope = scope(em, caller, permission);
        // held at a root: every member is in scope, no join needed
        List<MemberEntity> found = scope.everything()
                ? em.createQuery("SELECT m FROM MemberEntity m WHERE m.id = :id", MemberEntity.class).setParameter("id", id).getResultList()
                : bind(em.createQuery("SELECT m FROM MemberEntity m, UnitEntity u WHERE m.cellId = u.id"
                        + " AND m.id = :id AND " + scope.jpql("u.path"), MemberEntity.class), scope).setParameter("id", id).getResultList();
        if (found.isEmpty()) {
            throw memberNotFound(id);
        }
        return found.get(0);
    }

    static List<String> lineage(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    static SotayException unitNotFound(String id) {
        return SotayException.notFound(Text.of("Không có đơn vị " + shown(id) + " trong phạm vi của bạn.",
                "There is no unit " + shown(id) + " within your scope."));
    }

    static SotayException memberNotFound(String id) {
        return SotayException.notFound(Text.of("Không có đảng viên " + shown(id) + " trong phạm vi của bạn.",
                "There is no member " + shown(id) + " within your scope."));
    }

    /** An id as echoed in a message: short, and only the characters ids have. */
    static String shown(String id) {
        if (id == null) {
            return "(none)";
        }
        String s = id.replaceAll("[^A-Za-z0-9._-]", "?");
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
