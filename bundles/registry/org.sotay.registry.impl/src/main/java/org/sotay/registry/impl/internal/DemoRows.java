package org.sotay.registry.impl.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the demo generator's rows go, in one of two ways that write the same rows:
 * <ul>
 * <li>{@link Load#BATCHES}: JDBC batches of prepared inserts, on any database (Derby's path);</li>
 * <li>{@link Load#COPY}: PostgreSQL's {@code COPY ... FROM STDIN} (the driver's CopyManager, reached by
 * {@code unwrap}; the bundle imports the driver's packages optionally, so a Derby deployment never
 * needs them). The rows are buffered as COPY text and sent a table at a time, parents first, every
 * {@value CopyRows#FLUSH_CHARS} characters. When the registry's tables are empty at the start (the demo
 * loader's case), their primary keys, unique constraints, indexes and foreign keys are dropped first
 * and made again at the end, in the same transaction: one sort per index instead of millions of
 * index insertions, one join per foreign key instead of a check per row.</li>
 * </ul>
 * The generator calls {@link #into} for a row, {@link #flush} where it used to execute its batches, and
 * {@link #finish} once; the caller commits.
 */
abstract class DemoRows {
    private static final Logger LOG = LoggerFactory.getLogger(DemoRows.class);

    /** How the rows are written. */
    enum Load {
        BATCHES, COPY
    }

    /** A table's columns: those the generator sets, in its order, then those with a constant value. */
    record Table(String name, List<String> columns, Map<String, Object> constants) {
        String insert() {
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(name).append(" (").append(String.join(", ", columns));
            constants.keySet().forEach(k -> sql.append(", ").append(k));
            sql.append(") VALUES (").append("?, ".repeat(columns.size() - 1)).append('?');
            constants.values().forEach(v -> sql.append(", ").append(v instanceof String s ? "'" + s + "'" : String.valueOf(v)));
            return sql.append(')').toString();
        }

        String copy() {
            StringBuilder sql = new StringBuilder("COPY ").append(name).append(" (").append(String.join(", ", columns));
            constants.keySet().forEach(k -> sql.append(", ").append(k));
            return sql.append(") FROM STDIN").toString();
        }
    }

    static final Table UNIT = new Table("REG_UNIT", List.of("ID", "CODE", "NAME", "NAME_KEY", "TYPE_CODE", "PARENT_ID", "PATH", "DEPTH",
            "VALID_FROM", "VENUE", "CONNECTIVITY"), Map.of("VERSION", 0));
    static final Table HISTORY = new Table("REG_UNIT_HISTORY", List.of("ID", "UNIT_ID", "NAME", "TYPE_CODE", "PARENT_ID", "PATH", "DEPTH",
            "VALID_FROM", "RECORDED_MS", "RECORDED_BY"), ordered("CHANGE_KIND", "CREATED", "REASON", "demo"));
    static final Table MEMBER = new Table("REG_MEMBER", List.of("ID", "CARD_NUMBER", "FULL_NAME", "NAME_KEY", "SORT_KEY", "DATE_OF_BIRTH",
            "GENDER", "ETHNICITY", "DATE_ADMITTED", "DATE_OFFICIAL", "STATUS", "STATUS_SINCE", "CELL_ID", "PHONE", "USES_SMARTPHONE",
            "APP_INSTALLED", "APP_INSTALLED_ON", "ACCOUNT_REGISTERED", "ACCOUNT_REGISTERED_ON", "CREATED_MS", "UPDATED_MS"), Map.of("VERSION", 0));
    static final Table HOME = new Table("REG_MEMBERSHIP", List.of("ID", "MEMBER_ID", "UNIT_ID", "VALID_FROM", "RECORDED_MS", "RECORDED_BY"),
            ordered("KIND", "HOME", "REASON", "demo"));
    static final Table WORD = new Table("REG_MEMBER_WORD", List.of(MemberWords.COLUMNS), Map.of());
    /** Parents before children: the order rows are sent in. */
    static final List<Table> TABLES = List.of(UNIT, HISTORY, MEMBER, HOME, WORD);

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    /** One row being filled, column by column in the table's order; {@link #add} ends it. */
    interface Row {
        Row text(String v) throws SQLException;

        Row date(LocalDate v) throws SQLException;

        Row bool(boolean v) throws SQLException;

        Row integer(int v) throws SQLException;

        Row bigint(long v) throws SQLException;

        void add() throws SQLException;
    }

    /** The way {@code load} asks for on {@code c}; {@code null}: COPY on PostgreSQL when its driver is reachable, else batches. */
    static DemoRows open(Connection c, Load load) throws SQLException {
        Load chosen = load != null ? load : copyAvailable(c) ? Load.COPY : Load.BATCHES;
        return chosen == Load.COPY ? new CopyRows(c) : new BatchRows(c);
    }

    /** PostgreSQL, and the driver's COPY interface reachable through the pool (its package wired to this bundle). */
    static boolean copyAvailable(Connection c) {
        try {
            return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName()) && PgCopy.available(c);
        } catch (SQLException | LinkageError e) {
            LOG.debug("COPY not available, JDBC batches: {}", e.toString());
            return false;
        }
    }

    abstract Load load();

    abstract Row into(Table t) throws SQLException;

    /** Where the generator executes its batches (every 500 units, every 1,000 members). */
    abstract void flush() throws SQLException;

    /** Writes what is left and puts back what was set aside; the statements are closed. */
    abstract void finish() throws SQLException;

    /** Closes what is open after a failure (the caller rolls back). */
    abstract void abandon();

    /** JDBC batches of prepared inserts. */
    static final class BatchRows extends DemoRows {
        private final Map<Table, PreparedStatement> statements = new java.util.IdentityHashMap<>();
        private final Connection c;

        BatchRows(Connection c) {
            this.c = c;
        }

        @Override
        Load load() {
            return Load.BATCHES;
        }

        @Override
        Row into(Table t) throws SQLException {
            PreparedStatement existing = statements.get(t);
            PreparedStatement ps = existing != null ? existing : c.prepareStatement(t.insert());
            if (existing == null) {
                statements.put(t, ps);
            }
            return new Row() {
                int i;

                @Override
                public Row text(String v) throws SQLException {
                    ps.setString(++i, v);
                    return this;
                }

                @Override
                public Row date(LocalDate v) throws SQLException {
                    ps.setDate(++i, v == null ? null : Date.valueOf(v));
                    return this;
                }

                @Override
                public Row bool(boolean v) throws SQLException {
                    ps.setBoolean(++i, v);
                    return this;
                }

                @Override
                public Row integer(int v) throws SQLException {
                    ps.setInt(++i, v);
                    return this;
                }

                @Override
                public Row bigint(long v) throws SQLException {
                    ps.setLong(++i, v);
                    return this;
                }

                @Override
                public void add() throws SQLException {
                    ps.addBatch();
                }
            };
        }

        @Override
        void flush() throws SQLException {
            for (Table t : TABLES) {
                PreparedStatement ps = statements.get(t);
                if (ps != null) {
                    ps.executeBatch();
                }
            }
        }

        @Override
        void finish() throws SQLException {
            try {
                flush();
            } finally {
                abandon();
            }
        }

        @Override
        void abandon() {
            for (PreparedStatement ps : statements.values()) {
                try {
                    ps.close();
                } catch (SQLException ignored) {
                    // the transaction is rolled back by the caller
                }
            }
            statements.clear();
        }
    }

    /** PostgreSQL's COPY, in text format, with the keys, constraints and indexes of empty tables made after the rows. */
    static final class CopyRows extends DemoRows {
        /** Buffered text sent when the buffers reach this size (about 40 MB of Java heap), and at the end. */
        static final int FLUSH_CHARS = 20_000_000;
        private final Connection c;
        private final PgCopy copy;
        private final Map<Table, StringBuilder> buffers = new java.util.IdentityHashMap<>();
        private final List<String> remake = new ArrayList<>();
        private long buffered;
        private final long started = System.nanoTime();
        private long copyNanos;
        private long rowsSent;

        CopyRows(Connection c) throws SQLException {
            this.c = c;
            this.copy = new PgCopy(c);
            for (Table t : TABLES) {
                buffers.put(t, new StringBuilder());
            }
            // DDL commits with the transaction: only inside one can a failed load take its dropped indexes back
            if (!c.getAutoCommit() && empty()) {
                setAside();
            }
        }

        @Override
        Load load() {
            return Load.COPY;
        }

        private boolean empty() throws SQLException {
            try (Statement st = c.createStatement()) {
                for (Table t : TABLES) {
                    try (ResultSet rs = st.executeQuery("SELECT 1 FROM " + t.name() + " FETCH FIRST 1 ROWS ONLY")) {
                        if (rs.next()) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        /**
         * Drops the indexes and constraints of the tables written, keeping their definitions from the
         * catalogue (whatever the migrations made) to make them again in {@link #finish}: the foreign
         * keys on these tables and those pointing at them (another registry table's), then their primary
         * keys and unique constraints, then the plain indexes. Made again in the reverse order: each
         * primary key, unique constraint and index is one sort, each foreign key one join; a duplicate
         * or a dangling reference fails the load there, and the transaction rolls it all back.
         */
        private void setAside() throws SQLException {
            String tables = "('reg_unit', 'reg_unit_history', 'reg_member', 'reg_membership', 'reg_member_word')";
            List<String> dropKeys = new ArrayList<>();
            List<String> dropConstraints = new ArrayList<>();
            List<String> dropIndexes = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            List<String> constraints = new ArrayList<>();
            List<String> indexes = new ArrayList<>();
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT quote_ident(n.nspname) || '.' || quote_ident(x.relname), pg_get_indexdef(i.indexrelid)"
                        + " FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid"
                        + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = current_schema() AND t.relname IN " + tables
                        + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype <> 'f') ORDER BY x.relname")) {
                    while (rs.next()) {
                        dropIndexes.add("DROP INDEX " + rs.getString(1));
                        indexes.add(rs.getString(2));
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT quote_ident(n.nspname) || '.' || quote_ident(t.relname), quote_ident(k.conname),"
                        + " pg_get_constraintdef(k.oid), k.contype FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid"
                        + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = current_schema()"
                        + " AND (t.relname IN " + tables + " AND k.contype IN ('p', 'u', 'f') OR k.contype = 'f' AND k.confrelid IN"
                        + " (SELECT r.oid FROM pg_class r WHERE r.relnamespace = n.oid AND r.relname IN " + tables + "))"
                        + " ORDER BY t.relname, k.conname")) {
                    while (rs.next()) {
                        boolean foreign = "f".equals(rs.getString(4));
                        (foreign ? dropKeys : dropConstraints).add("ALTER TABLE " + rs.getString(1) + " DROP CONSTRAINT " + rs.getString(2));
                        (foreign ? keys : constraints).add("ALTER TABLE " + rs.getString(1) + " ADD CONSTRAINT " + rs.getString(2) + " " + rs.getString(3));
                    }
                }
                for (List<String> drops : List.of(dropKeys, dropConstraints, dropIndexes)) {
                    for (String sql : drops) {
                        st.execute(sql);
                    }
                }
            }
            remake.addAll(constraints);
            remake.addAll(indexes);
            remake.addAll(keys);
            LOG.info("Demo load by COPY into empty tables: {} keys, constraints and indexes made after the rows", remake.size());
        }

        @Override
        Row into(Table t) {
            StringBuilder b = buffers.get(t);
            int start = b.length();
            return new Row() {
                private void sep() {
                    if (b.length() > start) {
                        b.append('\t');
                    }
                }

                @Override
                public Row text(String v) {
                    sep();
                    if (v == null) {
                        b.append("\\N");
                    } else {
                        escape(b, v);
                    }
                    return this;
                }

                @Override
                public Row date(LocalDate v) {
                    sep();
                    b.append(v == null ? "\\N" : v.toString());
                    return this;
                }

                @Override
                public Row bool(boolean v) {
                    sep();
                    b.append(v ? 't' : 'f');
                    return this;
                }

                @Override
                public Row integer(int v) {
                    sep();
                    b.append(v);
                    return this;
                }

                @Override
                public Row bigint(long v) {
                    sep();
                    b.append(v);
                    return this;
                }

                @Override
                public void add() {
                    for (Object v : t.constants().values()) {
                        sep();
                        escape(b, String.valueOf(v));
                    }
                    b.append('\n');
                    buffered += b.length() - start;
                }
            };
        }

        static void escape(StringBuilder b, String v) {
            for (int i = 0; i < v.length(); i++) {
                char ch = v.charAt(i);
                switch (ch) {
                    case '\\' -> b.append("\\\\");
                    case '\t' -> b.append("\\t");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    default -> b.append(ch);
                }
            }
        }

        @Override
        void flush() throws SQLException {
            if (buffered >= FLUSH_CHARS) {
                send();
            }
        }

        private void send() throws SQLException {
            for (Table t : TABLES) {
                StringBuilder b = buffers.get(t);
                if (b.length() > 0) {
                    long t0 = System.nanoTime();
                    rowsSent += copy.in(t.copy(), b);
                    copyNanos += System.nanoTime() - t0;
                    b.setLength(0);
                }
            }
            buffered = 0;
        }

        @Override
        void finish() throws SQLException {
            send();
            long t0 = System.nanoTime();
            LOG.info("Demo load by COPY: {} rows in {} ms, {} ms of it in COPY (the rest: making the rows)", rowsSent,
                    (t0 - started) / 1_000_000, copyNanos / 1_000_000);
            if (!remake.isEmpty()) {
                try (Statement st = c.createStatement()) {
                    // one sort per index; the setting ends with the transaction
                    st.execute("SET LOCAL maintenance_work_mem = '512MB'");
                    for (String sql : remake) {
                        st.execute(sql);
                    }
                }
                LOG.info("Demo load: {} keys, constraints and indexes made in {} ms", remake.size(), (System.nanoTime() - t0) / 1_000_000);
            }
        }

        @Override
        void abandon() {
            buffers.values().forEach(b -> b.setLength(0));
        }
    }
}
