package org.sotay.handbook.impl.internal;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.handbook.api.facts.ReadingFacts;

/** Mandatory reading for the reporting module, straight from the handbook's tables, ids only. */
@Component(service = ReadingFacts.class)
public class ReadingFactsImpl implements ReadingFacts {
    private static final int BATCH = 1000;
    private final JpaTemplate jpa;

    @Activate
    public ReadingFactsImpl(@Reference HandbookSchema schema, @Reference(target = "(osgi.unit.name=sotay-handbook)") JpaTemplate jpa) {
        this.jpa = jpa;
    }

    /** Outside OSGi. */
    ReadingFactsImpl(JpaTemplate jpa) {
        this.jpa = jpa;
    }

    @Override
    public List<MandatoryItem> mandatoryItems() {
        return items(null);
    }

    @Override
    public Optional<MandatoryItem> mandatoryItem(String itemId) {
        if (itemId == null || itemId.length() > 36) {
            return Optional.empty();
        }
        return items(itemId).stream().findFirst();
    }

    private List<MandatoryItem> items(String only) {
        return jpa.txExpr(TransactionType.Required, em -> {
            Connection c = em.unwrap(Connection.class);
            String where = "WHERE i.MANDATORY = 1 AND i.PUBLISHED_MS IS NOT NULL" + (only == null ? "" : " AND i.ID = ?");
            Object[] params = only == null ? new Object[0] : new Object[] { only };
            Map<String, List<String>> audiences = new LinkedHashMap<>();
            for (String[] a : Sql.query(c, "SELECT a.ITEM_ID, a.UNIT_ID FROM HBK_AUDIENCE a JOIN HBK_ITEM i ON i.ID = a.ITEM_ID " + where
                    + " AND a.ACTIVE = 1 ORDER BY a.ITEM_ID, a.UNIT_ID", rs -> new String[] { rs.getString(1), rs.getString(2) }, params)) {
                List<String> units = audiences.computeIfAbsent(a[0], k -> new ArrayList<>());
                if (!units.contains(a[1])) {
                    units.add(a[1]);
                }
            }
            return Sql.query(c, "SELECT i.ID, i.TITLE, i.KIND, i.AUDIENCE_ROLES, i.DEADLINE, i.PUBLISHED_MS, i.STATUS FROM HBK_ITEM i " + where
                    + " ORDER BY i.PUBLISHED_MS, i.ID", rs -> new MandatoryItem(rs.getString(1), rs.getString(2), rs.getString(3),
                            List.copyOf(audiences.getOrDefault(rs.getString(1), List.of())), roles(rs.getString(4)), Sql.date(rs, "DEADLINE"),
                            rs.getLong(6), "WITHDRAWN".equals(rs.getString(7))), params);
        });
    }

    private static List<String> roles(String stored) {
        if (stored == null || stored.isBlank() || stored.strip().equals("*")) {
            return List.of();
        }
        return Arrays.stream(stored.split(",")).map(String::strip).filter(s -> !s.isEmpty() && !s.equals("*")).toList();
    }

    @Override
    public void forEachRead(String itemId, Consumer<ReadFact> sink) {
        if (itemId == null || itemId.length() > 36) {
            return;
        }
        String after = "";
        while (true) {
            String from = after;
            List<ReadFact> batch = jpa.txExpr(TransactionType.Required, em -> Sql.query(em.unwrap(Connection.class),
                    "SELECT ITEM_ID, MEMBER_ID, CELL_ID, ON_BEHALF, EXEMPT, READ_MS FROM HBK_READ WHERE ITEM_ID = ? AND MEMBER_ID > ? ORDER BY MEMBER_ID"
                            + " FETCH FIRST " + (BATCH + 1) + " ROWS ONLY",
                    ReadingFactsImpl::fact, itemId, from));
            int n = Math.min(batch.size(), BATCH);
            for (int i = 0; i < n; i++) {
                sink.accept(batch.get(i));
                after = batch.get(i).memberId();
            }
            if (batch.size() <= BATCH) {
                return;
            }
        }
    }

    @Override
    public Optional<ReadFact> read(String itemId, String memberId) {
        if (itemId == null || memberId == null || itemId.length() > 36 || memberId.length() > 36) {
            return Optional.empty();
        }
        return jpa.txExpr(TransactionType.Required, em -> Sql.query(em.unwrap(Connection.class),
                "SELECT ITEM_ID, MEMBER_ID, CELL_ID, ON_BEHALF, EXEMPT, READ_MS FROM HBK_READ WHERE ITEM_ID = ? AND MEMBER_ID = ?", ReadingFactsImpl::fact,
                itemId, memberId).stream().findFirst());
    }

    private static ReadFact fact(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ReadFact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) == 1, rs.getInt(5) == 1, rs.getLong(6));
    }
}
