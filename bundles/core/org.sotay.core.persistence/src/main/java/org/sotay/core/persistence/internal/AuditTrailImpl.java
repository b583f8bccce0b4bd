package org.sotay.core.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.audit.AuditEntry;
import org.sotay.core.api.audit.AuditQuery;
import org.sotay.core.api.audit.AuditRecord;
import org.sotay.core.api.audit.AuditTrail;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.ClientInfo;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.api.security.Scope;

/**
 * The audit trail over CORE_AUDIT. Lines are inserted on the caller's transaction connection and
 * never updated or deleted (on PostgreSQL a trigger refuses it). Reads filter by the caller's
 * subtrees in the WHERE clause.
 */
@Component(service = AuditTrail.class)
public class AuditTrailImpl implements AuditTrail {
    private static final String COLUMNS = "ID, AT_MS, ACTOR, ACTOR_NAME, MODULE, ACTION, TARGET_TYPE, TARGET_ID, UNIT_ID, "
            + "SUMMARY, CLIENT_ADDRESS, USER_AGENT, REQUEST_ID";

    private final DataSource dataSource;
    private final CallerContext callers;
    private final Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile OrgTree tree;

    @Activate
    public AuditTrailImpl(@Reference CoreSchema schema, @Reference(target = "(osgi.jndi.service.name=sotay)") DataSource dataSource,
            @Reference CallerContext callers, @Reference Clock clock) {
        this(dataSource, callers, clock);
    }

    /** Outside OSGi (tests): the tree is set with {@link #tree(OrgTree)}. */
    public AuditTrailImpl(DataSource dataSource, CallerContext callers, Clock clock) {
        this.dataSource = dataSource;
        this.callers = callers;
        this.clock = clock;
    }

    public void tree(OrgTree tree) {
        this.tree = tree;
    }

    @Override
    public void record(Connection transaction, AuditEntry e) {
        Caller caller = callers.current();
        ClientInfo client = callers.client();
        List<String> lineage = e.unitLineage();
        if (lineage == null && e.unitId() != null) {
            OrgTree t = tree;
            lineage = t == null ? List.of(e.unitId()) : t.lineage(e.unitId());
        }
        try (PreparedStatement ps = transaction.prepareStatement("INSERT INTO CORE_AUDIT (" + COLUMNS + ", UNIT_PATH) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setLong(2, clock.millis());
            ps.setString(3, cut(caller.subject(), 100));
            ps.setString(4, cut(caller.displayName(), 300));
            ps.setString(5, cut(e.module(), 40));
            ps.setString(6, cut(e.action(), 80));
            ps.setString(7, cut(e.targetType(), 40));
            ps.setString(8, cut(e.targetId(), 100));
            ps.setString(9, cut(e.unitId(), 36));
            ps.setString(10, cut(e.summary(), 2000));
            ps.setString(11, cut(client.address(), 64));
            ps.setString(12, cut(client.userAgent(), 300));
            ps.setString(13, cut(client.requestId(), 64));
            ps.setString(14, OrgTree.path(lineage));
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot write the audit line " + e.module() + "/" + e.action() + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public Page<AuditRecord> find(AuditQuery query, PageRequest page) {
        Where where = where(query == null ? AuditQuery.all() : query);
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = where.bind(c.prepareStatement("SELECT COUNT(*) FROM CORE_AUDIT" + where.sql));
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            List<AuditRecord> items = new ArrayList<>();
            try (PreparedStatement ps = where.bind(c.prepareStatement("SELECT " + COLUMNS + " FROM CORE_AUDIT" + where.sql
                    + " ORDER BY AT_MS DESC, ID OFFSET " + page.offset() + " ROWS FETCH NEXT " + page.limit() + " ROWS ONLY"));
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(read(rs));
                }
            }
            return new Page<>(items, total, page);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit trail: " + e.getMessage(), e);
        }
    }

    /** Rows read per short query while an export streams. */
    static final int EXPORT_BATCH = 1000;

    /**
     * Streams in keyset batches of {@link #EXPORT_BATCH} on (AT_MS, ID), each on a connection of its
     * own: a long download holds no connection while the client reads.
     */
    @Override
    public void forEach(AuditQuery query, Consumer<AuditRecord> sink) {
        Where where = where(query == null ? AuditQuery.all() : query);
        long afterAt = Long.MIN_VALUE;
        String afterId = "";
        while (true) {
            List<AuditRecord> batch = new ArrayList<>(EXPORT_BATCH);
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = where.bind(c.prepareStatement("SELECT " + COLUMNS + " FROM CORE_AUDIT" + where.sql
                            + " AND (AT_MS > ? OR (AT_MS = ? AND ID > ?)) ORDER BY AT_MS, ID FETCH FIRST " + EXPORT_BATCH + " ROWS ONLY"))) {
                int n = where.params.size();
                ps.setLong(n + 1, afterAt);
                ps.setLong(n + 2, afterAt);
                ps.setString(n + 3, afterId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        batch.add(read(rs));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the audit trail: " + e.getMessage(), e);
            }
            for (AuditRecord r : batch) {
                sink.accept(r);
            }
            if (batch.size() < EXPORT_BATCH) {
                return;
            }
            AuditRecord last = batch.get(batch.size() - 1);
            afterAt = last.at().toEpochMilli();
            afterId = last.id();
        }
    }

    private record Where(String sql, List<Object> params) {
        PreparedStatement bind(PreparedStatement ps) throws SQLException {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else {
                    ps.setString(i + 1, (String) p);
                }
            }
            return ps;
        }
    }

    /** The caller's scope (the core predicate over UNIT_PATH), then the query's filters. */
    private Where where(AuditQuery q) {
        Caller caller = callers.current();
        if (caller.unitsFor(READ).isEmpty()) {
            throw SotayException.forbidden(Text.of("Bạn không có quyền xem nhật ký kiểm tra.", "You may not read the audit trail."));
        }
        OrgTree t = tree;
        Scope scope = t == null ? Scope.ofPaths(List.of()) : Scope.of(caller, READ, t);
        StringBuilder sql = new StringBuilder(" WHERE ");
        List<Object> params = new ArrayList<>();
        if (scope.everything()) {
            sql.append("ID IS NOT NULL"); // held at the root of the tree: every line, including those of no unit
        } else {
            sql.append(scope.sql("UNIT_PATH"));
            params.addAll(scope.sqlParameters());
        }
        if (q.from() != null) {
            sql.append(" AND AT_MS >= ?");
            params.add(q.from().toEpochMilli());
        }
        if (q.to() != null) {
            sql.append(" AND AT_MS < ?");
            params.add(q.to().toEpochMilli());
        }
        filter(sql, params, "MODULE", q.module());
        filter(sql, params, "ACTOR", q.actor());
        filter(sql, params, "TARGET_ID", q.targetId());
        if (q.unitId() != null && !q.unitId().isBlank()) {
            List<String> lineage = t == null ? List.of(q.unitId().strip()) : t.lineage(q.unitId().strip());
            if (lineage.isEmpty()) {
                sql.append(" AND UNIT_PATH IS NULL"); // no such unit: nothing, rather than everything
            } else {
                sql.append(" AND UNIT_PATH LIKE ? ESCAPE '").append(Scope.ESCAPE).append("'");
                params.add(Scope.likePrefix(OrgTree.path(lineage)));
            }
        }
        return new Where(sql.toString(), params);
    }

    private static void filter(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" AND ").append(column).append(" = ?");
            params.add(value.strip());
        }
    }

    private static AuditRecord read(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
