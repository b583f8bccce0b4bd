package org.sotay.registry.impl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.security.Caller;

/**
 * The caller's part of the tree for one permission, as path prefixes to put in a query's
 * WHERE clause, so rows outside it are never read. Empty prefixes mean "nowhere".
 */
final class Scope {
    private final List<String> prefixes;

    private Scope(List<String> prefixes) {
        this.prefixes = prefixes;
    }

    static Scope of(EntityManager em, Caller caller, String permission) {
        Set<String> roots = caller.unitsFor(permission);
        List<String> prefixes = new ArrayList<>();
        if (!roots.isEmpty()) {
            List<String> paths = em.createQuery("SELECT u.path FROM UnitEntity u WHERE u.id IN :ids", String.class)
                    .setParameter("ids", new ArrayList<>(roots)).getResultList();
            prefixes.addAll(paths);
        }
        return new Scope(prefixes);
    }

    boolean nowhere() {
        return prefixes.isEmpty();
    }

    /** Held at a root of the tree ("/<root>/"): every unit is in scope, and a query needs no filter at all. */
    boolean everything() {
        return prefixes.stream().anyMatch(p -> p.indexOf('/', 1) == p.length() - 1);
    }

    boolean covers(String path) {
        return prefixes.stream().anyMatch(path::startsWith);
    }

    /** {@code (alias.path LIKE :scope0 OR ...)}, or a predicate that is never true when the caller has no scope. */
    String predicate(String pathExpression) {
        if (prefixes.isEmpty()) {
            // never true (paths are NOT NULL), and no literal: a literal comparison makes EclipseLink stop binding
            // parameters on Derby, which then refuses BOOLEAN = 0
            return "(" + pathExpression + " IS NULL)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < prefixes.size(); i++) {
            if (i > 0) {
                sb.append(" OR ");
            }
            sb.append(pathExpression).append(" LIKE :scope").append(i);
        }
        return sb.append(')').toString();
    }

    <T> TypedQuery<T> bind(TypedQuery<T> q) {
        for (int i = 0; i < prefixes.size(); i++) {
            q.setParameter("scope" + i, prefixes.get(i) + "%");
        }
        return q;
    }

    javax.persistence.Query bind(javax.persistence.Query q) {
        for (int i = 0; i < prefixes.size(); i++) {
            q.setParameter("scope" + i, prefixes.get(i) + "%");
        }
        return q;
    }

    static SotayException unitNotFound(String id) {
        return SotayException.notFound(Text.of("Không có đơn vị " + id + " trong phạm vi của bạn.",
                "There is no unit " + id + " within your scope."));
    }

    static SotayException memberNotFound(String id) {
        return SotayException.notFound(Text.of("Không có đảng viên " + id + " trong phạm vi của bạn.",
                "There is no member " + id + " within your scope."));
    }
}
