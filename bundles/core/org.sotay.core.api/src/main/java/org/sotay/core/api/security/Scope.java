package org.sotay.core.api.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The caller's part of the organization tree for one permission, as a predicate a query puts in
 * its WHERE clause, so rows outside it are never read ("filter in the query, never fetch and then
 * check"). Built from materialized paths ({@code /root/.../unit/}): a row is in scope when its path
 * column starts with one of the caller's paths.
 *
 * <pre>
 * Scope scope = Scope.of(callers.current(), HandbookPermissions.READ, tree);
 * TypedQuery&lt;ItemEntity&gt; q = em.createQuery("SELECT i FROM ItemEntity i WHERE " + scope.jpql("i.unitPath"), ItemEntity.class);
 * scope.parameters().forEach(q::setParameter);
 * </pre>
 *
 * The same predicate exists for plain SQL ({@link #sql(String)} with positional parameters
 * {@link #sqlParameters()}). Wildcards in a path ({@code %}, {@code _}) are escaped, so a unit id
 * can never widen a scope. A caller with no grant at all gets a predicate that is never true, and no
 * literal (EclipseLink stops binding parameters on Derby when a query has one).
 */
public final class Scope {
    /** The escape character of every LIKE this class writes. */
    public static final char ESCAPE = '\\';

    private final List<String> paths;
    private final String prefix;

    private Scope(Collection<String> paths, String parameterPrefix) {
        List<String> kept = new ArrayList<>();
        for (String p : paths) {
            if (p != null && !p.isEmpty()) {
                kept.add(p);
            }
        }
        // a path inside another of the caller's paths adds nothing to the scope
        List<String> roots = new ArrayList<>();
        for (String p : kept) {
            boolean inner = false;
            for (String q : kept) {
                if (!q.equals(p) && p.startsWith(q)) {
                    inner = true;
                    break;
                }
            }
            if (!inner && !roots.contains(p)) {
                roots.add(p);
            }
        }
        roots.sort(null);
        this.paths = List.copyOf(roots);
        this.prefix = parameterPrefix;
    }

    /** The subtrees where {@code caller} holds {@code permission}, their paths read from {@code tree}. */
    public static Scope of(Caller caller, String permission, OrgTree tree) {
        Set<String> roots = caller.unitsFor(permission);
        return new Scope(roots.isEmpty() ? List.of() : tree.paths(roots), "scope");
    }

    /** A scope over these materialized paths (a module that owns the tree reads them itself). */
    public static Scope ofPaths(Collection<String> paths) {
        return new Scope(paths, "scope");
    }

    /** The same scope with other parameter names, for a query that filters two columns. */
    public Scope named(String parameterPrefix) {
        if (!parameterPrefix.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("parameter prefix must be a word: " + parameterPrefix);
        }
        return new Scope(paths, parameterPrefix);
    }

    /** The paths of the scope, none inside another, in order. */
    public List<String> paths() {
        return paths;
    }

    /** No grant anywhere: every query is empty. */
    public boolean nowhere() {
        return paths.isEmpty();
    }

    /** Held at a root of the tree ({@code /root/}): every row is in scope and a query needs no filter at all. */
    public boolean everything() {
        for (String p : paths) {
            if (p.indexOf('/', 1) == p.length() - 1) {
                return true;
            }
        }
        return false;
    }

    /** Whether the row with materialized path {@code path} is in scope. */
    public boolean covers(String path) {
        if (path == null) {
            return false;
        }
        for (String p : paths) {
            if (path.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code (x LIKE :scope0 OR ...)} for JPQL, with {@link #parameters()}: a prefix scan the path
     * index serves. A path holding a LIKE wildcard ({@code %}, {@code _}, which generated unit ids never
     * have) is matched as the range {@code x >= :scopeN AND x < :scopeNEnd} instead (every path below
     * it sorts between the path and the path with its last {@code /} raised to {@code 0}), not with an
     * {@code ESCAPE} clause or a function: on Derby, EclipseLink binds neither, and then binds no
     * parameter of the query at all (and Derby refuses the inlined {@code BOOLEAN = 0}). The range
     * needs the path column to compare by code point: Derby always does; on PostgreSQL path columns
     * are {@code COLLATE "C"}, as every module's migrations make them.
     */
    public String jpql(String pathExpression) {
        if (paths.isEmpty()) {
            return "(" + pathExpression + " IS NULL)"; // never true: paths are NOT NULL
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < paths.size(); i++) {
            sb.append(i == 0 ? "" : " OR ");
            if (plain(paths.get(i))) {
                sb.append(pathExpression).append(" LIKE :").append(prefix).append(i);
            } else {
                sb.append("(").append(pathExpression).append(" >= :").append(prefix).append(i).append(" AND ").append(pathExpression)
                        .append(" < :").append(prefix).append(i).append("End)");
            }
        }
        return sb.append(')').toString();
    }

    /** The named parameters of {@link #jpql(String)}. */
    public Map<String, Object> parameters() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            String p = paths.get(i);
            if (plain(p)) {
                out.put(prefix + i, p + "%");
            } else {
                out.put(prefix + i, p);
                out.put(prefix + i + "End", p.substring(0, p.length() - 1) + (char) (p.charAt(p.length() - 1) + 1));
            }
        }
        return out;
    }

    /** {@code (x LIKE ? ESCAPE '\' OR ...)} for SQL, with {@link #sqlParameters()} in order. */
    public String sql(String pathColumn) {
        if (paths.isEmpty()) {
            return "(" + pathColumn + " IS NULL)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < paths.size(); i++) {
            sb.append(i == 0 ? "" : " OR ").append(pathColumn).append(" LIKE ? ESCAPE '").append(ESCAPE).append("'");
        }
        return sb.append(')').toString();
    }

    /** The positional parameters of {@link #sql(String)}. */
    public List<String> sqlParameters() {
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            out.add(likePrefix(p));
        }
        return out;
    }

    private static boolean plain(String path) {
        return path.indexOf('%') < 0 && path.indexOf('_') < 0 && path.indexOf(ESCAPE) < 0;
    }

    /** {@code path} as a LIKE pattern matching it and everything below it: wildcards escaped, then {@code %}. */
    public static String likePrefix(String path) {
        StringBuilder sb = new StringBuilder(path.length() + 4);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' || c == '_' || c == ESCAPE) {
                sb.append(ESCAPE);
            }
            sb.append(c);
        }
        return sb.append('%').toString();
    }

    @Override
    public String toString() {
        return "Scope" + paths;
    }
}
