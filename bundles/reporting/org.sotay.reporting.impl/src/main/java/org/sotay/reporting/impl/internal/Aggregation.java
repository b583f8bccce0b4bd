package org.sotay.reporting.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.jobs.Scheduler.Progress;
import org.sotay.handbook.api.facts.ReadingFacts;
import org.sotay.meetings.api.facts.MeetingFacts;
import org.sotay.registry.api.Member;
import org.sotay.reporting.impl.internal.Figures.Row;
import org.sotay.reporting.impl.internal.MemberFacts.Fact;

/**
 * How the figures follow their sources. Every change is read again from the registry (the inbox
 * only says what to read), compared with what reporting counted (RPT_MEMBER, at the member's
 * version) and applied as deltas on the day it is applied:
 * <ul>
 * <li>members only: each changed member's old cell and its ancestors lose what the member counted
 * as, the new ones gain it (one update per unit and round);</li>
 * <li>the tree changed (a unit created, renamed, moved, merged, split): the whole tree is redrawn
 * in memory from each unit's own counts (its figures less its children's), the members of the
 * cells concerned are read again, and every unit whose figures or attributes changed gets a new
 * row for the day;</li>
 * <li>a rebuild reads every member and the whole tree and writes what differs, through the same
 * drawing: figures kept from events and rebuilt from scratch are the same by construction, and
 * the test proves it.</li>
 * </ul>
 * One writer at a time in the cluster: the worker runs once in the cluster, and every write takes
 * the lock row first.
 */
final class Aggregation {
    private static final Logger LOG = LoggerFactory.getLogger(Aggregation.class);
    static final int ROUND = 500;
    private static final int REBUILD_BATCH = 1000;

    private final JpaTemplate jpa;
    private final Source source;
    private final Clock clock;
    private final Supplier<MeetingFacts> meetings;
    private final Supplier<ReadingFacts> readings;

    Aggregation(JpaTemplate jpa, Source source, Clock clock, Supplier<MeetingFacts> meetings, Supplier<ReadingFacts> readings) {
        this.jpa = jpa;
        this.source = source;
        this.clock = clock;
        this.meetings = meetings;
        this.readings = readings;
    }

    /** One round of the worker: up to {@link #ROUND} inbox entries applied. Returns how many. */
    /**
     * Fills the sort keys of rows written before they were kept (a schema upgraded in place), under the
     * writers' lock; nothing when every current row has them. Returns the rows filled.
     */
    int fillKeys() {
        return jpa.txExpr(TransactionType.Required, em -> sql(() -> {
            Connection c = connection(em);
            if (!Figures.keysMissing(c)) {
                return 0;
            }
            Figures.lock(c, clock.millis());
            int n = Figures.fillKeys(c);
            LOG.info("Báo cáo: đã ghi khoá sắp xếp cho {} đơn vị / Reporting: sort keys filled for {} units", n, n);
            Help.refreshAll(c, clock.getZone(), clock.millis());
            return n;
        }));
    }

    /**
     * Fills the kept list of the cells needing help from the kept figures when it was never filled (a
     * schema upgraded in place to V7), under the writers' lock. Returns the cells written.
     */
    int fillHelp() {
        return jpa.txExpr(TransactionType.Required, em -> sql(() -> {
            Connection c = connection(em);
            if (Help.filled(c)) {
                return 0;
            }
            Figures.lock(c, clock.millis());
            int n = Help.refreshAll(c, clock.getZone(), clock.millis());
            LOG.info("Báo cáo: đã lập danh sách chi bộ cần hỗ trợ cho {} chi bộ / Reporting: the cells needing help kept for {} cells", n, n);
            return n;
        }));
    }

    int drain() {
        List<Inbox.Entry> entries = jpa.txExpr(TransactionType.Required, em -> sql(() -> Inbox.next(connection(em), ROUND)));
        if (entries.isEmpty()) {
            return 0;
        }
        Set<String> members = new LinkedHashSet<>();
        Set<String> cells = new LinkedHashSet<>();
        Map<String, String> successors = new HashMap<>();
        Set<String> meetingIds = new LinkedHashSet<>();
        Set<String> itemIds = new LinkedHashSet<>();
        Set<List<String>> reads = new LinkedHashSet<>();
        List<Inbox.Entry> registry = new ArrayList<>();
        List<Inbox.Entry> others = new ArrayList<>();
        boolean tree = false;
        for (Inbox.Entry e : entries) {
            String item = e.item();
            String rest = item.substring(Math.min(2, item.length()));
            (item.startsWith(Inbox.MEETING) || item.startsWith(Inbox.ITEM) || item.startsWith(Inbox.READ) ? others : registry).add(e);
            if (item.startsWith(Inbox.MEMBER)) {
                members.add(rest);
            } else if (item.startsWith(Inbox.CELL)) {
                cells.add(rest);
            } else if (item.startsWith(Inbox.TREE)) {
                tree = true;
            } else if (item.startsWith(Inbox.SUCCESSOR)) {
                String[] pair = rest.split(">", 2);
                if (pair.length == 2) {
                    successors.put(pair[0], pair[1]);
                }
                tree = true;
            } else if (item.startsWith(Inbox.MEETING)) {
                meetingIds.add(rest);
            } else if (item.startsWith(Inbox.ITEM)) {
                itemIds.add(rest);
            } else if (item.startsWith(Inbox.READ)) {
                String[] pair = rest.split(":", 2);
                if (pair.length == 2) {
                    reads.add(List.of(pair[0], pair[1]));
                }
            }
        }
        if (!registry.isEmpty()) {
            apply(tree, members, cells, successors, registry);
        }
        if (!others.isEmpty()) {
            activity(meetingIds, itemIds, reads, others);
        }
        return entries.size();
    }

    /** Meetings and mandatory reading named by events, read again from their modules (when installed) and applied. */
    private void activity(Set<String> meetingIds, Set<String> itemIds, Set<List<String>> reads, List<Inbox.Entry> entries) {
        LocalDate today = LocalDate.now(clock);
        MeetingFacts mf = meetings.get();
        ReadingFacts rf = readings.get();
        Map<String, Map<String, Object>> read = new LinkedHashMap<>();
        if (mf != null) {
            for (String id : meetingIds) {
                read.put(id, mf.facts(id).orElse(null));
            }
        }
        Map<String, Optional<ReadingFacts.MandatoryItem>> items = new LinkedHashMap<>();
        Map<List<String>, Optional<ReadingFacts.ReadFact>> readFacts = new LinkedHashMap<>();
        if (rf != null) {
            for (String id : itemIds) {
                items.put(id, rf.mandatoryItem(id));
            }
            for (List<String> r : reads) {
                readFacts.put(r, rf.read(r.get(0), r.get(1)));
            }
        }
        jpa.tx(TransactionType.Required, em -> sql(() -> {
            Connection c = connection(em);
            long now = clock.millis();
            Figures.lock(c, now);
            Meetings.apply(c, read, today, now, clock.getZone());
            for (Map.Entry<String, Optional<ReadingFacts.MandatoryItem>> e : items.entrySet()) {
                Readings.item(c, e.getKey(), e.getValue(), now);
            }
            for (Map.Entry<List<String>, Optional<ReadingFacts.ReadFact>> e : readFacts.entrySet()) {
                Readings.read(c, e.getKey().get(0), e.getKey().get(1), e.getValue());
            }
            Inbox.delete(c, entries);
            return null;
        }));
    }

    /**
     * Meetings that started since they were last read: read again once (their documents' timing is
     * final at the start), then marked settled. Returns how many.
     */
    int settle() {
        MeetingFacts mf = meetings.get();
        if (mf == null) {
            return 0;
        }
        long now = clock.millis();
        List<String> due = jpa.txExpr(TransactionType.Required, em -> sql(() -> Meetings.toSettle(connection(em), now, ROUND)));
        if (due.isEmpty()) {
            return 0;
        }
        Map<String, Map<String, Object>> read = new LinkedHashMap<>();
        for (String id : due) {
            read.put(id, mf.facts(id).orElse(null));
        }
        LocalDate today = LocalDate.now(clock);
        jpa.tx(TransactionType.Required, em -> sql(() -> {
            Connection c = connection(em);
            Figures.lock(c, now);
            Meetings.apply(c, read, today, now, clock.getZone());
            Meetings.settled(c, due);
            return null;
        }));
        return due.size();
    }

    private void apply(boolean treeChanged, Set<String> memberIds, Set<String> unitIds, Map<String, String> successors,
            List<Inbox.Entry> entries) {
        LocalDate today = LocalDate.now(clock);
        int day = (int) today.toEpochDay();
        // what reporting counts now: which of the named units are cells, which counted cells the tree no longer has
        Map<String, Row> known = jpa.txExpr(TransactionType.Required, em -> sql(() -> Figures.current(connection(em), new ArrayList<>(unitIds))));
        List<Source.Unit> tree = null;
        Set<String> closing = Set.of();
        if (treeChanged || !known.keySet().containsAll(unitIds)) {
            tree = source.tree(today);
            Set<String> open = new HashSet<>();
            tree.forEach(u -> open.add(u.unit().id()));
            Set<String> counted = jpa.txExpr(TransactionType.Required, em -> sql(() -> Figures.current(connection(em)).keySet()));
            closing = new HashSet<>(counted);
            closing.removeAll(open);
        }
        Set<String> cells = new LinkedHashSet<>();
        for (String id : unitIds) {
            Row r = known.get(id);
            if (r == null ? isCell(tree, id) : r.cell()) {
                cells.add(id);
            }
        }
        // read again: the members of the named cells, and those reporting counted there or in closing cells (they may have left)
        Map<String, Member> read = new LinkedHashMap<>();
        for (String cell : cells) {
            try {
                source.forEachMember(cell, m -> read.put(m.id(), m));
            } catch (SotayException e) {
                LOG.debug("Cell {} is gone from the registry ({}): its members are read one by one", cell, e.getMessage());
            }
        }
        Set<String> again = new LinkedHashSet<>(memberIds);
        Set<String> places = new HashSet<>(cells);
        places.addAll(closing);
        if (!places.isEmpty()) {
            again.addAll(jpa.txExpr(TransactionType.Required, em -> sql(() -> MemberFacts.inCells(connection(em), places))));
        }
        again.removeAll(read.keySet());
        Set<String> missing = new HashSet<>();
        for (String id : again) {
            Optional<Member> m = source.member(id);
            if (m.isPresent()) {
                read.put(id, m.get());
            } else {
                missing.add(id);
            }
        }
        List<Source.Unit> drawn = tree;
        jpa.tx(TransactionType.Required, em -> sql(() -> {
            Connection c = connection(em);
            long now = clock.millis();
            Figures.lock(c, now);
            Map<String, long[]> own = members(c, read, missing, now);
            List<Source.Unit> t = drawn;
            if (t == null) {
                Map<String, Row> rows = Figures.current(c, new ArrayList<>(own.keySet()));
                if (rows.keySet().containsAll(own.keySet())) {
                    for (Map.Entry<String, long[]> e : own.entrySet()) {
                        for (String unit : rows.get(e.getKey()).lineage()) {
                            Figures.add(c, unit, day, e.getValue(), now);
                        }
                    }
                    Help.refresh(c, own.keySet(), clock.getZone());
                } else {
                    // a member in a cell reporting has not drawn yet: draw the tree now
                    t = source.tree(today);
                }
            }
            if (t != null) {
                redraw(c, t, own, successors, day, now, false, clock.getZone());
            }
            Inbox.delete(c, entries);
            return null;
        }));
    }

    private static boolean isCell(List<Source.Unit> tree, String id) {
        if (tree == null) {
            return false;
        }
        return tree.stream().anyMatch(u -> u.cell() && u.unit().id().equals(id));
    }

    /**
     * Compares the members read with what reporting counted; records the new facts and returns, per
     * cell, what its own figures gain or lose.
     */
    private static Map<String, long[]> members(Connection c, Map<String, Member> read, Set<String> missing, long now) throws SQLException {
        Set<String> ids = new HashSet<>(read.keySet());
        ids.addAll(missing);
        Map<String, Fact> facts = MemberFacts.get(c, ids);
        Map<String, long[]> own = new LinkedHashMap<>();
        List<Fact> changed = new ArrayList<>();
        for (Member m : read.values()) {
            Fact before = facts.get(m.id());
            if (before != null && before.version() >= m.version()) {
                continue; // counted at this version already (or a later one: an older read lost a race)
            }
            Fact after = new Fact(m.id(), m.cellId(), Counts.flags(m), m.version());
            if (before != null) {
                Counts.plus(own.computeIfAbsent(before.cellId(), k -> new long[Counts.SIZE]), Counts.of(before.flags()), -1);
            }
            Counts.plus(own.computeIfAbsent(after.cellId(), k -> new long[Counts.SIZE]), Counts.of(after.flags()), 1);
            changed.add(after);
        }
        MemberFacts.putAll(c, changed, facts, now);
        for (String id : missing) {
            Fact before = facts.get(id);
            if (before != null) {
                Counts.plus(own.computeIfAbsent(before.cellId(), k -> new long[Counts.SIZE]), Counts.of(before.flags()), -1);
                MemberFacts.delete(c, id);
            }
        }
        own.values().removeIf(Counts::zero);
        return own;
    }

    /**
     * Redraws the figures on {@code tree}: each counted unit's own figures (its row less its
     * children's rows) plus {@code ownDelta}, summed up the new tree; writes the units whose figures
     * or attributes changed, closes those the tree no longer has. With {@code replaceOwn}, the
     * member counts of {@code ownDelta} replace the own figures instead (a rebuild). Returns how many
     * units got a new row.
     */
    static int redraw(Connection c, List<Source.Unit> tree, Map<String, long[]> ownDelta, Map<String, String> successors, int day,
            long now, boolean replaceOwn, java.time.ZoneId zone) throws SQLException {
        Map<String, Row> current = Figures.current(c);
        Map<String, long[]> own = new HashMap<>();
        if (!replaceOwn) {
            for (Row r : current.values()) {
                own.put(r.unitId(), r.counts().clone());
            }
            for (Row r : current.values()) {
                long[] parent = r.parentId() == null ? null : own.get(r.parentId());
                if (parent != null) {
                    Counts.plus(parent, r.counts(), -1);
                }
            }
        }
        for (Map.Entry<String, long[]> e : ownDelta.entrySet()) {
            Counts.plus(own.computeIfAbsent(e.getKey(), k -> new long[Counts.SIZE]), e.getValue(), 1);
        }
        // totals up the new tree: children come after their parents, so walk it backwards
        Map<String, long[]> total = new HashMap<>();
        Map<String, Source.Unit> byId = new LinkedHashMap<>();
        for (Source.Unit u : tree) {
            byId.put(u.unit().id(), u);
        }
        for (int i = tree.size() - 1; i >= 0; i--) {
            Source.Unit u = tree.get(i);
            String id = u.unit().id();
            long[] t = total.computeIfAbsent(id, k -> new long[Counts.SIZE]);
            long[] mine = own.getOrDefault(id, new long[Counts.SIZE]).clone();
            mine[Counts.CELLS] = u.cell() ? 1 : 0;
            mine[Counts.OFFLINE_CELLS] = u.offline() ? 1 : 0;
            Counts.plus(t, mine, 1);
            String parent = u.unit().parentId();
            if (parent != null && byId.containsKey(parent)) {
                Counts.plus(total.computeIfAbsent(parent, k -> new long[Counts.SIZE]), t, 1);
            }
        }
        int written = 0;
        List<Row> moved = new ArrayList<>();
        Set<String> cellsWritten = new LinkedHashSet<>();
        for (Source.Unit u : tree) {
            String id = u.unit().id();
            Row before = current.get(id);
            Source.Unit parent = u.unit().parentId() == null ? null : byId.get(u.unit().parentId());
            Row after = new Row(id, day, null, u.unit().parentId(), u.path(), u.unit().depth(), u.unit().code(), u.unit().name(),
                    u.unit().typeCode(), u.cell(), u.unit().version(), total.get(id), now, Figures.parentKey(parent == null ? null : parent.unit().name()));
            if (before == null || !before.sameAttributes(after) || !Arrays.equals(before.counts(), after.counts())) {
                Figures.replace(c, before, after, day);
                written++;
                if (after.cell() || before != null && before.cell()) {
                    cellsWritten.add(id);
                }
            }
            if (before != null && (!before.path().equals(after.path())
                    || (before.counts()[Counts.OFFLINE_CELLS] > 0) != (after.counts()[Counts.OFFLINE_CELLS] > 0) && u.cell())) {
                moved.add(after);
            }
        }
        // the running periods of units that moved (or lost or gained internet) follow them; ended periods stay as they were
        Meetings.rehome(c, moved, LocalDate.ofEpochDay(day), now);
        for (Row r : current.values()) {
            if (byId.containsKey(r.unitId())) {
                continue;
            }
            long[] left = own.getOrDefault(r.unitId(), new long[Counts.SIZE]).clone();
            left[Counts.CELLS] = 0;
            left[Counts.OFFLINE_CELLS] = 0;
            if (!Counts.zero(left)) {
                LOG.warn("Unit {} ({}) closed with {} members still counted in it: they are no longer counted anywhere until they are read again",
                        r.code(), r.unitId(), left[Counts.MEMBERS]);
            }
            Figures.close(c, r.unitId(), day);
            if (r.cell()) {
                cellsWritten.add(r.unitId());
            }
            String next = successors.get(r.unitId());
            if (next != null) {
                successor(c, r.unitId(), next, day);
            }
            written++;
        }
        // the cells needing help follow every cell whose row changed (moved, renamed, under a renamed committee, counted, closed)
        Help.refresh(c, cellsWritten, zone);
        return written;
    }

    private static void successor(Connection c, String unitId, String successorId, int day) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM RPT_SUCCESSOR WHERE UNIT_ID = ?");
                PreparedStatement ins = c.prepareStatement("INSERT INTO RPT_SUCCESSOR (UNIT_ID, SUCCESSOR_ID, ON_DAY) VALUES (?, ?, ?)")) {
            del.setString(1, unitId);
            del.executeUpdate();
            ins.setString(1, unitId);
            ins.setString(2, successorId);
            ins.setInt(3, day);
            ins.executeUpdate();
        }
    }

    /**
     * Rebuilds every figure from the registry: the tree, then every member of every root, in batches
     * (each batch's facts written in a short transaction), then the figures drawn from the members'
     * own counts. Returns what it did, as JSON.
     */
    String rebuild(Progress progress) {
        LocalDate today = LocalDate.now(clock);
        int day = (int) today.toEpochDay();
        progress.at("tree", 0, 0);
        List<Source.Unit> tree = source.tree(today);
        Set<String> open = new HashSet<>();
        tree.forEach(u -> open.add(u.unit().id()));
        Map<String, long[]> own = new HashMap<>();
        List<Member> batch = new ArrayList<>(REBUILD_BATCH);
        long[] seen = { 0, 0 };
        // cell by cell: each a short indexed read, whatever the database's plan for a whole province's members would be
        List<Source.Unit> cells = tree.stream().filter(Source.Unit::cell).toList();
        int done = 0;
        for (Source.Unit cell : cells) {
            source.forEachMember(cell.unit().id(), batch::add);
            if (batch.size() >= REBUILD_BATCH) {
                seen[1] += facts(batch, own, open);
                seen[0] += batch.size();
                batch.clear();
            }
            progress.at("members", ++done, cells.size());
        }
        seen[1] += facts(batch, own, open);
        seen[0] += batch.size();
        progress.at("figures", cells.size(), cells.size());
        int written = jpa.txExpr(TransactionType.Required, em -> sql(() -> {
            Connection c = connection(em);
            long now = clock.millis();
            Figures.lock(c, now);
            return redraw(c, tree, own, Map.of(), day, now, true, clock.getZone());
        }));
        int[] meetingFixes = rebuildMeetings(progress, today);
        int[] readFixes = rebuildReadings(progress);
        int[] sums = jpa.txExpr(TransactionType.Required, em -> sql(() -> {
            Connection c = connection(em);
            Figures.lock(c, clock.millis());
            return new int[] { Sums.activity(c), Sums.attendance(c), Sums.reads(c), Help.refreshAll(c, clock.getZone(), clock.millis()), Help.check(c) };
        }));
        return "{\"members\":" + seen[0] + ",\"membersCorrected\":" + seen[1] + ",\"units\":" + tree.size() + ",\"unitsCorrected\":" + written
                + ",\"meetings\":" + meetingFixes[0] + ",\"meetingsCorrected\":" + meetingFixes[1] + ",\"cellPeriodsCorrected\":" + meetingFixes[2]
                + ",\"items\":" + readFixes[0] + ",\"itemsCorrected\":" + readFixes[1] + ",\"readsCorrected\":" + readFixes[2]
                + ",\"activityCorrected\":" + sums[0] + ",\"attendanceCorrected\":" + sums[1] + ",\"readSumsCorrected\":" + sums[2]
                + ",\"helpCellsCorrected\":" + sums[3] + ",\"helpCountsCorrected\":" + sums[4] + "}";
    }

    /** Every meeting read again from the meetings module (when installed); those it no longer has taken back. {meetings, corrected, cell periods corrected}. */
    private int[] rebuildMeetings(Progress progress, LocalDate today) {
        MeetingFacts mf = meetings.get();
        int[] out = new int[3];
        if (mf == null) {
            return out;
        }
        Set<String> seen = new HashSet<>();
        String after = "";
        while (true) {
            List<String> ids = mf.ids(after, 500);
            if (ids.isEmpty()) {
                break;
            }
            Map<String, Map<String, Object>> read = new LinkedHashMap<>();
            for (String id : ids) {
                mf.facts(id).ifPresent(f -> read.put(id, f));
            }
            seen.addAll(read.keySet());
            out[0] += read.size();
            out[1] += jpa.txExpr(TransactionType.Required, em -> sql(() -> {
                Connection c = connection(em);
                long now = clock.millis();
                Figures.lock(c, now);
                return Meetings.apply(c, read, today, now, clock.getZone());
            }));
            progress.at("meetings", out[0], 0);
            after = ids.get(ids.size() - 1);
        }
        out[2] = jpa.txExpr(TransactionType.Required, em -> sql(() -> {
            Connection c = connection(em);
            long now = clock.millis();
            Figures.lock(c, now);
            Map<String, Map<String, Object>> gone = new LinkedHashMap<>();
            for (String id : Sums.strings(c, "SELECT MEETING_ID FROM RPT_MEETING")) {
                if (!seen.contains(id)) {
                    gone.put(id, null);
                }
            }
            out[1] += Meetings.apply(c, gone, today, now, clock.getZone());
            int fixed = 0;
            List<String[]> pairs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT UNIT_ID, PERIOD FROM RPT_MEETING UNION SELECT DISTINCT CELL_ID, PERIOD FROM RPT_CELL_ACTIVITY");
                    java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pairs.add(new String[] { rs.getString(1), rs.getString(2) });
                }
            }
            for (String[] p : pairs) {
                Meetings.CellPeriod before = Meetings.cellPeriod(c, p[0], p[1]);
                Meetings.recount(c, p[0], p[1], today, now, clock.getZone());
                if (!java.util.Objects.equals(before, Meetings.cellPeriod(c, p[0], p[1]))) {
                    fixed++;
                }
            }
            return fixed;
        }));
        return out;
    }

    /** Every mandatory item and every read of one read again from the handbook (when installed). {items, items corrected, reads corrected}. */
    private int[] rebuildReadings(Progress progress) {
        ReadingFacts rf = readings.get();
        int[] out = new int[3];
        if (rf == null) {
            return out;
        }
        List<ReadingFacts.MandatoryItem> items = rf.mandatoryItems();
        Set<String> ids = new HashSet<>();
        for (ReadingFacts.MandatoryItem item : items) {
            ids.add(item.id());
            List<ReadingFacts.ReadFact> reads = new ArrayList<>();
            rf.forEachRead(item.id(), reads::add);
            int[] fixed = jpa.txExpr(TransactionType.Required, em -> sql(() -> {
                Connection c = connection(em);
                long now = clock.millis();
                Figures.lock(c, now);
                int[] f = new int[2];
                f[0] = Readings.item(c, item.id(), Optional.of(item), now) ? 1 : 0;
                Set<String> readers = new HashSet<>();
                for (ReadingFacts.ReadFact r : reads) {
                    readers.add(r.memberId());
                    f[1] += Readings.read(c, item.id(), r.memberId(), Optional.of(r)) ? 1 : 0;
                }
                for (String member : Readings.readers(c, item.id())) {
                    if (!readers.contains(member)) {
                        f[1] += Readings.read(c, item.id(), member, Optional.empty()) ? 1 : 0;
                    }
                }
                return f;
            }));
            out[0]++;
            out[1] += fixed[0];
            out[2] += fixed[1];
            progress.at("reading", out[0], items.size());
        }
        out[1] += jpa.txExpr(TransactionType.Required, em -> sql(() -> {
            Connection c = connection(em);
            long now = clock.millis();
            Figures.lock(c, now);
            int f = 0;
            for (String gone : Readings.items(c, null).keySet()) {
                if (!ids.contains(gone)) {
                    for (String member : Readings.readers(c, gone)) {
                        Readings.read(c, gone, member, Optional.empty());
                    }
                    f += Readings.item(c, gone, Optional.empty(), now) ? 1 : 0;
                }
            }
            return f;
        }));
        return out;
    }

    /** A rebuild's batch: counted into {@code own}, and the facts that differ written. Returns how many differed. */
    private int facts(List<Member> batch, Map<String, long[]> own, Set<String> open) {
        if (batch.isEmpty()) {
            return 0;
        }
        for (Member m : batch) {
            if (open.contains(m.cellId())) {
                Counts.plus(own.computeIfAbsent(m.cellId(), k -> new long[Counts.SIZE]), Counts.of(Counts.flags(m)), 1);
            }
        }
        return jpa.txExpr(TransactionType.Required, em -> sql(() -> {
            Connection c = connection(em);
            long now = clock.millis();
            Map<String, Fact> known = MemberFacts.get(c, batch.stream().map(Member::id).toList());
            List<Fact> changed = new ArrayList<>();
            for (Member m : batch) {
                Fact f = new Fact(m.id(), m.cellId(), Counts.flags(m), m.version());
                if (!f.equals(known.get(m.id()))) {
                    changed.add(f);
                }
            }
            MemberFacts.putAll(c, changed, known, now);
            return changed.size();
        }));
    }

    static Connection connection(EntityManager em) {
        return em.unwrap(Connection.class);
    }

    interface SqlWork<T> {
        T run() throws SQLException;
    }

    static <T> T sql(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IllegalStateException("reporting: " + e.getMessage(), e);
        }
    }
}
