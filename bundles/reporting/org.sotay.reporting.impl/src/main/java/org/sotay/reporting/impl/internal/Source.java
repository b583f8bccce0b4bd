package org.sotay.reporting.impl.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.OrgUnit;
import org.sotay.registry.api.OrgUnitService;
import org.sotay.registry.api.RegistryPermissions;
import org.sotay.registry.api.UnitType;

/**
 * What reporting reads from the registry, through its exported API only, as reporting's own job
 * caller: {@code registry.read} over every root, and nothing else.
 */
final class Source {
    private final OrgUnitService units;
    private final MemberService members;
    private final CallerContext callers;
    private final OrgTree tree;

    Source(OrgUnitService units, MemberService members, CallerContext callers, OrgTree tree) {
        this.units = units;
        this.members = members;
        this.callers = callers;
        this.tree = tree;
    }

    /** A unit of the registry's tree today, with its materialized path, whether it holds members, and whether its venue has no internet. */
    record Unit(OrgUnit unit, String path, boolean cell) {
        boolean offline() {
            return cell && unit.connectivity() == org.sotay.registry.api.Connectivity.NONE;
        }
    }

    /** The open tree today, every root, parents before children. */
    List<Unit> tree(LocalDate today) {
        return as(() -> {
            Map<String, Boolean> holds = new HashMap<>();
            for (UnitType t : units.types()) {
                holds.put(t.code(), t.holdsMembers());
            }
            List<Unit> out = new ArrayList<>();
            Map<String, String> paths = new HashMap<>();
            for (String root : tree.roots()) {
                for (OrgUnit u : units.treeAt(root, today)) {
                    String parent = u.parentId() == null ? null : paths.get(u.parentId());
                    String path = (parent == null ? "/" : parent) + u.id() + "/";
                    paths.put(u.id(), path);
                    out.add(new Unit(u, path, Boolean.TRUE.equals(holds.get(u.typeCode()))));
                }
            }
            return out;
        });
    }

    /** The member as the registry has them now; empty when there is no such member. */
    Optional<Member> member(String id) {
        return as(() -> {
            try {
                return Optional.of(members.get(id));
            } catch (SotayException e) {
                if (ProblemType.NOT_FOUND.slug().equals(e.type().slug())) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Every member of {@code unitId}'s subtree (any status), streamed. */
    void forEachMember(String unitId, Consumer<Member> sink) {
        as(() -> {
            members.forEachMember(unitId, (m, cellCode) -> sink.accept(m));
            return null;
        });
    }

    List<String> roots() {
        return tree.roots();
    }

    private <T> T as(Callable<T> work) {
        try {
            return callers.runAs(new JobCaller(Set.copyOf(tree.roots())), work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reporting reading the registry: registry.read at the roots, nothing else. */
    private record JobCaller(Set<String> roots) implements Caller {
        @Override
        public String subject() {
            return "reporting";
        }

        @Override
        public String displayName() {
            return "reporting";
        }

        @Override
        public Set<String> unitsFor(String permission) {
            return RegistryPermissions.READ.equals(permission) ? roots : Set.of();
        }
    }
}
