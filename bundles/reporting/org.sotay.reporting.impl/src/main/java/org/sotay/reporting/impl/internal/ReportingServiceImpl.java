package org.sotay.reporting.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.Dates;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.VietnameseText;
import org.sotay.core.api.jobs.JobState;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.api.security.Scope;
import org.sotay.reporting.api.AdoptionReport;
import org.sotay.reporting.api.Contributed;
import org.sotay.reporting.api.Rate;
import org.sotay.reporting.api.ReportingPermissions;
import org.sotay.reporting.api.ReportingService;
import org.sotay.reporting.api.UnitAdoption;
import org.sotay.reporting.api.UnitRef;
import org.sotay.reporting.impl.internal.Figures.Row;
import org.sotay.reporting.spi.ReportContributor;

/**
 * Reports read the kept figures: one row for the unit and one per child, whatever the size of the
 * subtree. A caller sees a unit's figures, past and present, when the unit lies in their subtree
 * today; a past day's drill-down shows the children the unit had that day.
 */
@Component(service = ReportingService.class)
public class ReportingServiceImpl implements ReportingService {
    private static final Logger LOG = LoggerFactory.getLogger(ReportingServiceImpl.class);

    private final JpaTemplate jpa;
    private final CallerContext callers;
    private final OrgTree tree;
    private final Clock clock;
    private final Aggregator aggregator;
    private final List<ReportContributor> contributors = new CopyOnWriteArrayList<>();

    @Activate
    public ReportingServiceImpl(@Reference ReportingSchema schema, @Reference(target = "(osgi.unit.name=sotay-reporting)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference OrgTree tree, @Reference Clock clock, @Reference Aggregator aggregator) {
        this.jpa = jpa;
        this.callers = callers;
        this.tree = tree;
        this.clock = clock;
        this.aggregator = aggregator;
    }

    /** Outside OSGi: the tests build the service on the harness. */
    ReportingServiceImpl(JpaTemplate jpa, CallerContext callers, OrgTree tree, Clock clock, Aggregator aggregator, boolean unused) {
        this.jpa = jpa;
        this.callers = callers;
        this.tree = tree;
        this.clock = clock;
        this.aggregator = aggregator;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContributor(ReportContributor c) {
        contributors.add(c);
    }

    void removeContributor(ReportContributor c) {
        contributors.remove(c);
    }

    @Override
    public AdoptionReport adoption(String unitId, LocalDate at, boolean restated) {
        Caller caller = callers.current();
        LocalDate today = LocalDate.now(clock);
        LocalDate day = at == null ? today : at;
        if (!Dates.inRange(day)) {
            throw SotayException.invalid(List.of(Dates.error("at")));
        }
        if (day.isAfter(today)) {
            throw SotayException.invalid(List.of(new FieldError("at", "in-future",
                    Text.of("Chưa có số liệu của một ngày trong tương lai.", "There are no figures for a day in the future."))));
        }
        visible(caller, unitId);
        int d = (int) day.toEpochDay();
        return jpa.txExpr(TransactionType.Required, em -> Aggregation.sql(() -> {
            Connection c = Aggregation.connection(em);
            return restated && day.isBefore(today) ? restated(c, unitId, day, d) : asItWas(c, unitId, day, d);
        }));
    }

    private AdoptionReport asItWas(Connection c, String unitId, LocalDate day, int d) throws SQLException {
        Row row = Figures.at(c, unitId, d);
        if (row == null) {
            throw noFigures(unitId, day);
        }
        List<Row> children = new ArrayList<>(Figures.childrenAt(c, unitId, d));
        children.sort(Comparator.comparing((Row r) -> VietnameseText.sortKey(r.name())).thenComparing(Row::unitId));
        long updated = row.updatedMs();
        for (Row r : children) {
            updated = Math.max(updated, r.updatedMs());
        }
        return report(row, row.counts(), children.stream().map(r -> Map.entry(r, r.counts())).toList(), day, AdoptionReport.AS_IT_WAS, updated);
    }

    /**
     * The day's figures on today's tree: each cell's figures of that day, counted in the unit the cell
     * is in today (a closed cell in the unit it was merged into, following successors), summed for the
     * unit and for each of its children today.
     */
    private AdoptionReport restated(Connection c, String unitId, LocalDate day, int d) throws SQLException {
        Map<String, Row> now = Figures.current(c);
        Row unit = now.get(unitId);
        if (unit == null) {
            throw noFigures(unitId, LocalDate.now(clock));
        }
        Map<String, String> successors = successors(c);
        Map<String, long[]> byChild = new LinkedHashMap<>();
        List<Row> children = new ArrayList<>();
        for (Row r : now.values()) {
            if (unitId.equals(r.parentId())) {
                children.add(r);
                byChild.put(r.unitId(), new long[Counts.SIZE]);
            }
        }
        children.sort(Comparator.comparing((Row r) -> VietnameseText.sortKey(r.name())).thenComparing(Row::unitId));
        long[] total = new long[Counts.SIZE];
        for (Row cell : Figures.cellsAt(c, d)) {
            String at = cell.unitId();
            for (int hops = 0; !now.containsKey(at) && successors.containsKey(at) && hops < 50; hops++) {
                at = successors.get(at);
            }
            Row today = now.get(at);
            if (today == null || !today.path().startsWith(unit.path())) {
                continue;
            }
            long[] own = cell.counts().clone();
            own[Counts.CELLS] = 0; // cells are counted as they are today
            Counts.plus(total, own, 1);
            List<String> lineage = today.lineage();
            int i = lineage.indexOf(unitId);
            if (i >= 0 && i + 1 < lineage.size()) {
                long[] child = byChild.get(lineage.get(i + 1));
                if (child != null) {
                    Counts.plus(child, own, 1);
                }
            }
        }
        total[Counts.CELLS] = unit.counts()[Counts.CELLS];
        for (Row r : children) {
            byChild.get(r.unitId())[Counts.CELLS] = r.counts()[Counts.CELLS];
        }
        return report(unit, total, children.stream().map(r -> Map.entry(r, byChild.get(r.unitId()))).toList(), day, AdoptionReport.TODAY, null);
    }

    private AdoptionReport report(Row unit, long[] counts, List<Map.Entry<Row, long[]>> children, LocalDate day, String how, Long updatedMs) {
        List<String> ids = new ArrayList<>();
        ids.add(unit.unitId());
        children.forEach(e -> ids.add(e.getKey().unitId()));
        Map<String, List<Contributed>> extra = contributed(ids, day);
        UnitAdoption total = line(unit, counts, extra);
        List<UnitAdoption> lines = children.stream().map(e -> line(e.getKey(), e.getValue(), extra)).toList();
        return new AdoptionReport(total, day, how, lines, updatedMs == null ? null : Instant.ofEpochMilli(updatedMs));
    }

    private static UnitAdoption line(Row r, long[] counts, Map<String, List<Contributed>> extra) {
        UnitRef ref = new UnitRef(r.unitId(), r.code(), r.name(), r.typeCode(), r.parentId(), r.depth(), r.cell());
        return new UnitAdoption(ref, (int) counts[Counts.CELLS], Counts.adoption(counts), extra.getOrDefault(r.unitId(), List.of()));
    }

    /** What the plugins add, per unit; a contributor that fails is left out and logged. */
    private Map<String, List<Contributed>> contributed(List<String> unitIds, LocalDate day) {
        Map<String, List<Contributed>> out = new HashMap<>();
        for (ReportContributor c : contributors) {
            try {
                Map<String, ReportContributor.Figure> figures = c.figures(List.copyOf(unitIds), day);
                if (figures == null) {
                    continue;
                }
                for (String id : unitIds) {
                    ReportContributor.Figure f = figures.get(id);
                    if (f != null) {
                        out.computeIfAbsent(id, k -> new ArrayList<>())
                                .add(new Contributed(c.code(), c.titleVi(), c.titleEn(), Rate.of(f.numerator(), f.denominator())));
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("Report contributor {} failed and is left out of this report: {}", c.getClass().getName(), e.toString());
            }
        }
        return out;
    }

    private static Map<String, String> successors(Connection c) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT UNIT_ID, SUCCESSOR_ID FROM RPT_SUCCESSOR"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    @Override
    public JobState rebuild() {
        Caller caller = callers.current();
        requireRoot(caller);
        return aggregator.rebuild(caller.subject());
    }

    /** Any rebuild, for those who may start one (a rebuild is the deployment's, not its starter's). */
    @Override
    public Optional<JobState> job(String id) {
        requireRoot(callers.current());
        if (id == null || id.length() > 64) {
            return Optional.empty();
        }
        return aggregator.job(id);
    }

    private void requireRoot(Caller caller) {
        List<String> roots = tree.roots();
        Scope scope = Scope.of(caller, ReportingPermissions.REBUILD, tree);
        if (roots.isEmpty() || !roots.stream().allMatch(r -> scope.covers(OrgTree.path(tree.lineage(r))))) {
            throw SotayException.forbidden(Text.of("Chỉ quản trị viên toàn hệ thống mới được dựng lại số liệu báo cáo.",
                    "Only an administrator of the whole deployment may rebuild the figures."));
        }
    }

    /** Not found unless the unit lies in the caller's subtrees today (elsewhere and nowhere look the same). */
    private void visible(Caller caller, String unitId) {
        String path = unitId == null || unitId.isBlank() || unitId.length() > 36 ? "" : OrgTree.path(tree.lineage(unitId));
        if (path.isEmpty() || !Scope.of(caller, ReportingPermissions.READ, tree).covers(path)) {
            throw SotayException.notFound(Text.of("Không có đơn vị này trong phạm vi của bạn.", "There is no such unit within your scope."));
        }
    }

    private static SotayException noFigures(String unitId, LocalDate day) {
        return SotayException.notFound(Text.of("Chưa có số liệu của đơn vị này vào ngày " + day + ".",
                "There are no figures for this unit on " + day + "."));
    }
}
