package org.sotay.handbook.impl.internal;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.security.OrgTree;
import org.sotay.handbook.api.documents.DocumentContent;
import org.sotay.handbook.api.documents.DocumentStatus;
import org.sotay.handbook.api.documents.HandbookDocuments;

/** What another module (meetings) may ask about items it links: only items addressed to every member of the unit (no role limit). */
@Component(service = HandbookDocuments.class)
public class HandbookDocumentsImpl implements HandbookDocuments {
    private final JpaTemplate jpa;
    private final OrgTree tree;

    @Activate
    public HandbookDocumentsImpl(@Reference HandbookSchema schema, @Reference(target = "(osgi.unit.name=sotay-handbook)") JpaTemplate jpa,
            @Reference OrgTree tree) {
        this(jpa, tree);
    }

    HandbookDocumentsImpl(JpaTemplate jpa, OrgTree tree) {
        this.jpa = jpa;
        this.tree = tree;
    }

    @Override
    public Map<String, DocumentStatus> statusAt(String unitId, Collection<String> itemIds) {
        List<String> ids = ids(itemIds);
        List<String> lineage = unitId == null || unitId.length() > 36 ? List.of() : tree.lineage(unitId);
        Map<String, DocumentStatus> out = new LinkedHashMap<>();
        if (ids.isEmpty() || lineage.isEmpty()) {
            return out;
        }
        List<Object> params = new ArrayList<>(ids);
        params.addAll(lineage);
        jpa.txExpr(TransactionType.Required, em -> {
            for (Object[] row : Sql.query(em.unwrap(Connection.class),
                    "SELECT i.ID, i.TITLE, i.KIND, i.STATUS, i.PUBLISHED_MS, i.PUBLISH_AT_MS, MIN(a.ADDED_MS) FROM HBK_ITEM i JOIN HBK_AUDIENCE a ON a.ITEM_ID = i.ID"
                            + " WHERE i.ID IN (" + Sql.marks(ids.size()) + ") AND i.STATUS IN ('PUBLISHED', 'SCHEDULED') AND a.ACTIVE = 1 AND a.ROLE_CODE = '*'"
                            + " AND a.UNIT_ID IN (" + Sql.marks(lineage.size()) + ") GROUP BY i.ID, i.TITLE, i.KIND, i.STATUS, i.PUBLISHED_MS, i.PUBLISH_AT_MS",
                    rs -> new Object[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Sql.longOrNull(rs, "PUBLISHED_MS"),
                            Sql.longOrNull(rs, "PUBLISH_AT_MS"), rs.getLong(7) },
                    params.toArray())) {
                boolean scheduled = "SCHEDULED".equals(row[3]);
                long since = scheduled ? (Long) row[5] : (Long) row[4];
                since = Math.max(since, (Long) row[6]);
                out.put((String) row[0], new DocumentStatus((String) row[0], (String) row[1], (String) row[2], Instant.ofEpochMilli(since), scheduled));
            }
            return null;
        });
        Map<String, DocumentStatus> ordered = new LinkedHashMap<>();
        for (String id : ids) {
            if (out.containsKey(id)) {
                ordered.put(id, out.get(id));
            }
        }
        return ordered;
    }

    @Override
    public List<DocumentContent> contentAt(String unitId, Collection<String> itemIds) {
        List<String> ids = ids(itemIds);
        List<String> lineage = unitId == null || unitId.length() > 36 ? List.of() : tree.lineage(unitId);
        if (ids.isEmpty() || lineage.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(lineage);
        return jpa.txExpr(TransactionType.Required, em -> Contents.of(em.unwrap(Connection.class), ids,
                "EXISTS (SELECT 1 FROM HBK_AUDIENCE a WHERE a.ITEM_ID = i.ID AND a.ACTIVE = 1 AND a.ROLE_CODE = '*' AND a.UNIT_ID IN ("
                        + Sql.marks(lineage.size()) + "))",
                params));
    }

    private static List<String> ids(Collection<String> itemIds) {
        if (itemIds == null) {
            return List.of();
        }
        if (itemIds.size() > 200) {
            throw SotayException.invalid(List.of(new FieldError("itemIds", "too-many", Text.of("Tối đa 200 tài liệu.", "At most 200 items."))));
        }
        List<String> out = new ArrayList<>(new LinkedHashSet<>(itemIds));
        out.removeIf(id -> id == null || id.length() > 36);
        return out;
    }
}
