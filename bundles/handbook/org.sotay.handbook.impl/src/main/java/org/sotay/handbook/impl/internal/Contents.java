package org.sotay.handbook.impl.internal;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sotay.handbook.api.AttachmentInfo;
import org.sotay.handbook.api.documents.DocumentContent;

/** Published items as packets and other modules carry them: the sanitized HTML and the attachments by reference. */
final class Contents {
    private Contents() {
    }

    /** The content of those of {@code ids} that {@code where} (a condition on {@code HBK_ITEM i}, with {@code params}) admits, in the order of {@code ids}. */
    static List<DocumentContent> of(Connection c, List<String> ids, String where, List<Object> params) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object> all = new ArrayList<>(ids);
        all.addAll(params);
        Map<String, DocumentContent> found = new LinkedHashMap<>();
        for (Object[] row : Sql.query(c, "SELECT i.ID, i.TITLE, i.KIND, i.SUMMARY, i.BODY_HTML, i.PUBLISHED_MS, i.EDITION FROM HBK_ITEM i WHERE i.ID IN ("
                + Sql.marks(ids.size()) + ") AND i.STATUS = 'PUBLISHED' AND " + where,
                rs -> new Object[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getInt(7) },
                all.toArray())) {
            String id = (String) row[0];
            List<DocumentContent.Attachment> files = new ArrayList<>();
            for (AttachmentInfo a : Items.attachments(c, id)) {
                files.add(new DocumentContent.Attachment(a.id(), a.fileName(), a.mediaType(), a.size(), a.sha256(), a.href()));
            }
            found.put(id, new DocumentContent(id, (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                    Instant.ofEpochMilli((Long) row[5]), (Integer) row[6], files));
        }
        List<DocumentContent> out = new ArrayList<>();
        for (String id : ids) {
            DocumentContent d = found.get(id);
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }
}
