package org.sotay.reporting.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
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
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
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
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.reporting.api.ActivityReport;
import org.sotay.reporting.api.AdoptionReport;
import org.sotay.reporting.api.AttendanceReport;
import org.sotay.reporting.api.CellNeedingHelp;
import org.sotay.reporting.api.MandatoryItem;
import org.sotay.reporting.api.ReadingReport;
import org.sotay.reporting.api.UnitActivity;
import org.sotay.reporting.api.UnitAttendance;
import org.sotay.reporting.api.UnitConnectivity;
import org.sotay.reporting.api.UnitReading;
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
@Component(service = ReportingService.class, configurationPid = ReportingServiceImpl.PID)
@Designate(ocd = ReportingServiceImpl.Config.class)
public class ReportingServiceImpl implements ReportingService {
    static final String PID = "org.sotay.reporting";
    private static final Logger LOG = LoggerFactory.getLogger(ReportingServiceImpl.class);

    @ObjectClassDefinition(id = PID, name = "Sotay reporting", description = "What the activity figures count")
    @interface Config {
        @AttributeDefinition(description = "The steps a cell's meeting must reach in a period for the cell to count as using the handbook in its cell activities"
                + " (all of them): registered, on-time, documents, held, minutes")
        String[] usedSteps() default { "registered", "held" };

        @AttributeDefinition(description = "The goal: the share of cells (percent) that use the handbook in their cell activities")
        int goalPercent() default 80;

        @AttributeDefinition(description = "The day of the month before a period by which its meeting should be registered (as the meetings module's deadline)")
        int deadlineDay() default 20;

        @AttributeDefinition(description = "Days after a meeting without minutes before its cell is listed as needing help")
        int minutesDays() default 7;
    }

    private volatile Settings settings = new Settings(Meetings.REGISTERED | Meetings.HELD, List.of("registered", "held"), 80, 20, 7);

    /** The configuration, checked: an unknown step is left out (and logged), numbers kept in range. */
    record Settings(int usedMask, List<String> usedSteps, int goalPercent, int deadlineDay, int minutesDays) {
        static Settings of(Config c) {
            int mask = 0;
            List<String> steps = new ArrayList<>();
            for (String v : c.usedSteps()) {
                for (String s : v.split(",")) {
                    String step = s.strip();
                    int i = java.util.Arrays.asList(Meetings.STEP_CODES).indexOf(step);
                    if (i < 0) {
                        if (!step.isEmpty()) {
                            LOG.warn("{}: usedSteps names an unknown step '{}' (known: {}); it is left out", PID, step, String.join(", ", Meetings.STEP_CODES));
                        }
                        continue;
                    }
                    if ((mask & Meetings.STEP_BITS[i]) == 0) {
                        mask |= Meetings.STEP_BITS[i];
                        steps.add(step);
                    }
                }
            }
            if (mask == 0) {
                mask = Meetings.REGISTERED;
                steps.add("registered");
            }
            return new Settings(mask, List.copyOf(steps), Math.max(1, Math.min(100, c.goalPercent())), Math.max(1, Math.min(28, c.deadlineDay())),
                    Math.max(1, Math.min(60, c.minutesDays())));
        }
    }

    @Activate
    @Modified
    void configure(Config config) {
        this.settings = Settings.of(config);
    }

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
            own[Counts.OFFLINE_CELLS] = 0;
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
    public ActivityReport activity(String unitId, String period, boolean restated, boolean lagging) {
        Caller caller = callers.current();
        YearMonth p = period(period);
        visible(caller, unitId);
        Settings cfg = settings;
        LocalDate today = LocalDate.now(clock);
        boolean ended = !Meetings.running(p.toString(), today);
        return jpa.txExpr(TransactionType.Required, em -> Aggregation.sql(() -> {
            Connection c = Aggregation.connection(em);
            UnitActivity total;
            List<UnitActivity> children = new ArrayList<>();
            String how = AdoptionReport.AS_IT_WAS;
            if (restated && ended) {
                how = AdoptionReport.TODAY;
                Map<String, Row> now = Figures.current(c);
                Row unit = now.get(unitId);
                if (unit == null) {
                    throw noFigures(unitId, today);
                }
                Map<String, String> successors = successors(c);
                Map<String, Map<Integer, Long>> combos = new HashMap<>();
                List<Row> kids = childrenOf(now, unitId);
                try (PreparedStatement ps = c.prepareStatement("SELECT CELL_ID, STEPS FROM RPT_CELL_ACTIVITY WHERE PERIOD = ?")) {
                    ps.setString(1, p.toString());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Row at = follow(now, successors, rs.getString(1));
                            if (at == null || !at.path().startsWith(unit.path())) {
                                continue;
                            }
                            combos.computeIfAbsent(unitId, k -> new HashMap<>()).merge(rs.getInt(2), 1L, Long::sum);
                            List<String> lineage = at.lineage();
                            int i = lineage.indexOf(unitId);
                            if (i >= 0 && i + 1 < lineage.size()) {
                                combos.computeIfAbsent(lineage.get(i + 1), k -> new HashMap<>()).merge(rs.getInt(2), 1L, Long::sum);
                            }
                        }
                    }
                }
                total = ActivityQueries.activity(ActivityQueries.ref(unit), unit.counts()[Counts.CELLS], combos.getOrDefault(unitId, Map.of()), cfg.usedMask(),
                        cfg.goalPercent());
                for (Row k : kids) {
                    children.add(ActivityQueries.activity(ActivityQueries.ref(k), k.counts()[Counts.CELLS], combos.getOrDefault(k.unitId(), Map.of()),
                            cfg.usedMask(), cfg.goalPercent()));
                }
            } else {
                int d = (int) Meetings.countedOn(p.toString(), today).toEpochDay();
                Row unit = Figures.at(c, unitId, d);
                if (unit == null) {
                    throw noFigures(unitId, LocalDate.ofEpochDay(d));
                }
                List<Row> kids = Figures.childrenAt(c, unitId, d);
                List<String> ids = new ArrayList<>();
                ids.add(unitId);
                kids.forEach(k -> ids.add(k.unitId()));
                Map<String, Map<Integer, Long>> combos = ActivityQueries.combinations(c, ids, p.toString(), null);
                total = ActivityQueries.activity(ActivityQueries.ref(unit), unit.counts()[Counts.CELLS], combos.getOrDefault(unitId, Map.of()), cfg.usedMask(),
                        cfg.goalPercent());
                for (Row k : kids) {
                    children.add(ActivityQueries.activity(ActivityQueries.ref(k), k.counts()[Counts.CELLS], combos.getOrDefault(k.unitId(), Map.of()),
                            cfg.usedMask(), cfg.goalPercent()));
                }
            }
            Comparator<UnitActivity> byName = Comparator.comparing((UnitActivity a) -> VietnameseText.sortKey(a.unit().name())).thenComparing(a -> a.unit().id());
            Comparator<UnitActivity> byShare = Comparator.comparing((UnitActivity a) -> a.used().percent() == null ? java.math.BigDecimal.valueOf(-1) : a.used().percent());
            children.sort(lagging ? byShare.thenComparing(byName) : byName);
            return new ActivityReport(total, p.toString(), how, cfg.usedSteps(), cfg.goalPercent(), lagging ? "lagging" : "name", children);
        }));
    }

    @Override
    public AttendanceReport attendance(String unitId, String period, boolean restated) {
        Caller caller = callers.current();
        YearMonth p = period(period);
        visible(caller, unitId);
        LocalDate today = LocalDate.now(clock);
        int d = (int) Meetings.countedOn(p.toString(), today).toEpochDay();
        if (restated && !Meetings.running(p.toString(), today)) {
            return jpa.txExpr(TransactionType.Required, em -> Aggregation.sql(() -> restatedAttendance(Aggregation.connection(em), unitId, p.toString(), today)));
        }
        return jpa.txExpr(TransactionType.Required, em -> Aggregation.sql(() -> {
            Connection c = Aggregation.connection(em);
            Row unit = Figures.at(c, unitId, d);
            if (unit == null) {
                throw noFigures(unitId, LocalDate.ofEpochDay(d));
            }
            List<Row> kids = new ArrayList<>(Figures.childrenAt(c, unitId, d));
            kids.sort(Comparator.comparing((Row r) -> VietnameseText.sortKey(r.name())).thenComparing(Row::unitId));
            List<String> ids = new ArrayList<>();
            ids.add(unitId);
            kids.forEach(k -> ids.add(k.unitId()));
            Map<String, Map<String, long[]>> att = ActivityQueries.attendance(c, ids, p.toString());
            List<UnitAttendance> lines = kids.stream().map(k -> ActivityQueries.unitAttendance(ActivityQueries.ref(k), att.getOrDefault(k.unitId(), Map.of())))
                    .toList();
            return new AttendanceReport(ActivityQueries.unitAttendance(ActivityQueries.ref(unit), att.getOrDefault(unitId, Map.of())), p.toString(),
                    AdoptionReport.AS_IT_WAS, lines);
        }));
    }

    /**
     * An ended period's attendance on today's tree: each meeting held in it (as reporting kept it, with
     * its roll's counts) counted in the unit its host is in today (a closed unit's successor, followed),
     * summed for the unit and for each of its children today. Meetings whose host is nowhere in today's
     * tree (closed without a successor) are left out, as in the restated adoption.
     */
    private AttendanceReport restatedAttendance(Connection c, String unitId, String period, LocalDate today) throws SQLException {
        Map<String, Row> now = Figures.current(c);
        Row unit = now.get(unitId);
        if (unit == null) {
            throw noFigures(unitId, today);
        }
        Map<String, String> successors = successors(c);
        List<Row> kids = childrenOf(now, unitId);
        int n = Meetings.ATTENDANCE.length + 1;
        Map<String, Map<String, long[]>> att = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT UNIT_ID, KIND, " + String.join(", ", Meetings.ATTENDANCE)
                + " FROM RPT_MEETING WHERE PERIOD = ? AND HELD = 1")) {
            ps.setString(1, period);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row at = follow(now, successors, rs.getString(1));
                    if (at == null || !at.path().startsWith(unit.path())) {
                        continue;
                    }
                    long[] v = new long[n];
                    v[0] = 1;
                    for (int i = 1; i < n; i++) {
                        v[i] = rs.getLong(2 + i);
                    }
                    List<String> into = new ArrayList<>();
                    into.add(unitId);
                    List<String> lineage = at.lineage();
                    int i = lineage.indexOf(unitId);
                    if (i >= 0 && i + 1 < lineage.size()) {
                        into.add(lineage.get(i + 1));
                    }
                    for (String u : into) {
                        long[] sum = att.computeIfAbsent(u, k -> new java.util.TreeMap<>()).computeIfAbsent(rs.getString(2), k -> new long[n]);
                        for (int j = 0; j < n; j++) {
                            sum[j] += v[j];
                        }
                    }
                }
            }
        }
        List<UnitAttendance> lines = kids.stream().map(k -> ActivityQueries.unitAttendance(ActivityQueries.ref(k), att.getOrDefault(k.unitId(), Map.of())))
                .toList();
        return new AttendanceReport(ActivityQueries.unitAttendance(ActivityQueries.ref(unit), att.getOrDefault(unitId, Map.of())), period,
                AdoptionReport.TODAY, lines);
    }

    @Override
    public Page<CellNeedingHelp> cellsNeedingHelp(String unitId, String period, String reason, PageRequest page) {
        Caller caller = callers.current();
        YearMonth p = period(period);
        String only = reason == null || reason.isBlank() ? null : reason.strip();
        if (only != null && !List.of(CellNeedingHelp.NO_MEETING_REGISTERED, CellNeedingHelp.DOCUMENTS_LATE, CellNeedingHelp.MINUTES_MISSING,
                CellNeedingHelp.NOBODY_INSTALLED, CellNeedingHelp.NO_INTERNET).contains(only)) {
            throw SotayException.invalid(List.of(new FieldError("reason", "one-of", Text.of("Lý do phải là một trong: no-meeting-registered, documents-late,"
                    + " minutes-missing, nobody-installed, no-internet.", "The reason is one of: no-meeting-registered, documents-late, minutes-missing,"
                    + " nobody-installed, no-internet."))));
        }
        visible(caller, unitId);
        Settings cfg = settings;
        LocalDate today = LocalDate.now(clock);
        return jpa.txExpr(TransactionType.Required, em -> Aggregation.sql(() -> {
            Connection c = Aggregation.connection(em);
            if (Figures.currentById(c, List.of(unitId)).get(unitId) == null) {
                throw noFigures(unitId, today);
            }
            return ActivityQueries.cellsNeedingHelp(c, unitId, p, today, cfg.deadlineDay(), cfg.minutesDays(), only, page);
        }));
    }

    @Override
    public List<UnitConnectivity> connectivity(String unitId, String period) {
        Caller caller = callers.current();
        YearMonth p = period(period);
        visible(caller, unitId);
        Settings cfg = settings;
        int d = (int) Meetings.countedOn(p.toString(), LocalDate.now(clock)).toEpochDay();
        return jpa.txExpr(TransactionType.Required, em -> Aggregation.sql(() -> {
            Connection c = Aggregation.connection(em);
            Row unit = Figures.at(c, unitId, d);
            if (unit == null) {
                throw noFigures(unitId, LocalDate.ofEpochDay(d));
            }
            List<Row> rows = new ArrayList<>();
            rows.add(unit);
            List<Row> kids = new ArrayList<>(Figures.childrenAt(c, unitId, d));
            kids.sort(Comparator.comparing((Row r) -> VietnameseText.sortKey(r.name())).thenComparing(Row::unitId));
            rows.addAll(kids);
            List<String> ids = rows.stream().map(Row::unitId).toList();
            Map<String, Map<Integer, Long>> without = ActivityQueries.combinations(c, ids, p.toString(), true);
            Map<String, Map<Integer, Long>> with = ActivityQueries.combinations(c, ids, p.toString(), false);
            return rows.stream().map(r -> ActivityQueries.connectivity(ActivityQueries.ref(r), r.counts()[Counts.CELLS], r.counts()[Counts.OFFLINE_CELLS],
                    without.getOrDefault(r.unitId(), Map.of()), with.getOrDefault(r.unitId(), Map.of()), cfg.usedMask())).toList();
        }));
    }

    @Override
    public List<MandatoryItem> mandatoryItems(String unitId) {
        Caller caller = callers.current();
        visible(caller, unitId);
        return jpa.txExpr(TransactionType.Required, em -> Aggregation.sql(() -> {
            Connection c = Aggregation.connection(em);
            Row unit = Figures.current(c, List.of(unitId)).get(unitId);
            if (unit == null) {
                throw noFigures(unitId, LocalDate.now(clock));
            }
            List<MandatoryItem> out = new ArrayList<>();
            for (Readings.Item item : Readings.items(c, null).values()) {
                List<Row> audience = ActivityQueries.minimal(new ArrayList<>(Figures.current(c, item.audience()).values()));
                boolean reaches = audience.stream().anyMatch(a -> unit.path().startsWith(a.path()) || a.path().startsWith(unit.path()));
                if (!reaches) {
                    continue;
                }
                long[] reads = Readings.byUnit(c, item.id(), List.of(unitId)).get(unitId);
                out.add(new MandatoryItem(item.id(), item.title(), item.kind(), item.deadlineDay() == null ? null : LocalDate.ofEpochDay(item.deadlineDay()),
                        item.withdrawn(), item.rolesLimited(), ActivityQueries.reading(unit, ActivityQueries.audienceWithin(unit, audience), reads, item.rolesLimited())));
            }
            return out;
        }));
    }

    @Override
    public ReadingReport reading(String unitId, String itemId) {
        Caller caller = callers.current();
        visible(caller, unitId);
        return jpa.txExpr(TransactionType.Required, em -> Aggregation.sql(() -> {
            Connection c = Aggregation.connection(em);
            Map<String, Row> now = Figures.current(c);
            Row unit = now.get(unitId);
            Readings.Item item = itemId == null || itemId.length() > 36 ? null : Readings.items(c, itemId).get(itemId);
            List<Row> audience = item == null ? List.of() : ActivityQueries.minimal(item.audience().stream().map(now::get).filter(java.util.Objects::nonNull).toList());
            if (unit == null || item == null || audience.stream().noneMatch(a -> unit.path().startsWith(a.path()) || a.path().startsWith(unit.path()))) {
                throw SotayException.notFound(Text.of("Không có tài liệu bắt buộc đọc này cho đơn vị.", "There is no such mandatory item for this unit."));
            }
            List<Row> kids = childrenOf(now, unitId);
            List<String> ids = new ArrayList<>();
            ids.add(unitId);
            kids.forEach(k -> ids.add(k.unitId()));
            Map<String, long[]> reads = Readings.byUnit(c, itemId, ids);
            List<UnitReading> lines = kids.stream()
                    .map(k -> ActivityQueries.reading(k, ActivityQueries.audienceWithin(k, audience), reads.get(k.unitId()), item.rolesLimited())).toList();
            return new ReadingReport(item.id(), item.title(), item.kind(), item.deadlineDay() == null ? null : LocalDate.ofEpochDay(item.deadlineDay()),
                    item.withdrawn(), item.rolesLimited(), ActivityQueries.reading(unit, ActivityQueries.audienceWithin(unit, audience), reads.get(unitId),
                            item.rolesLimited()), lines);
        }));
    }

    private static List<Row> childrenOf(Map<String, Row> now, String unitId) {
        List<Row> kids = new ArrayList<>();
        for (Row r : now.values()) {
            if (unitId.equals(r.parentId())) {
                kids.add(r);
            }
        }
        kids.sort(Comparator.comparing((Row r) -> VietnameseText.sortKey(r.name())).thenComparing(Row::unitId));
        return kids;
    }

    /** The unit a cell is counted in today: itself, or where it was merged (following successors). */
    private static Row follow(Map<String, Row> now, Map<String, String> successors, String unitId) {
        String at = unitId;
        for (int hops = 0; !now.containsKey(at) && successors.containsKey(at) && hops < 50; hops++) {
            at = successors.get(at);
        }
        return now.get(at);
    }

    /** A period {@code yyyy-MM} (default this month), within the platform's dates and no later than a year ahead. */
    private YearMonth period(String period) {
        YearMonth now = YearMonth.now(clock);
        if (period == null || period.isBlank()) {
            return now;
        }
        YearMonth p;
        try {
            p = period.strip().matches("\\d{4}-\\d{2}") ? YearMonth.parse(period.strip()) : null;
        } catch (java.time.DateTimeException e) {
            p = null;
        }
        if (p == null) {
            throw SotayException.invalid(List.of(new FieldError("period", "not-a-period", Text.of("Kỳ báo cáo có dạng năm-tháng, ví dụ 2026-05.",
                    "A period is a year and a month, for example 2026-05."))));
        }
        if (p.getYear() < Dates.MIN_YEAR || p.isAfter(now.plusMonths(12))) {
            throw SotayException.invalid(List.of(new FieldError("period", Dates.OUT_OF_RANGE, Text.of("Kỳ báo cáo nằm ngoài khoảng cho phép (từ "
                    + Dates.MIN_YEAR + " đến 12 tháng tới).", "The period is out of range (from " + Dates.MIN_YEAR + " to 12 months ahead)."))));
        }
        return p;
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
