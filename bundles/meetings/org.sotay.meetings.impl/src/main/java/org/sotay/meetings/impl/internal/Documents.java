package org.sotay.meetings.impl.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.handbook.api.documents.DocumentContent;
import org.sotay.handbook.api.documents.DocumentStatus;
import org.sotay.handbook.api.documents.HandbookDocuments;
import org.sotay.meetings.api.Document;

/**
 * The handbook, when it is installed: an optional, dynamic reference, so the meetings module works
 * without it (documents are then {@code UNKNOWN}) and picks it up when it comes, without restarting.
 */
@Component(service = Documents.class)
public class Documents {
    private static final Logger LOG = LoggerFactory.getLogger(Documents.class);
    private volatile HandbookDocuments handbook;

    /** Outside OSGi (tests): a given handbook, or {@code null} for none. */
    static Documents of(HandbookDocuments handbook) {
        Documents d = new Documents();
        d.handbook = handbook;
        return d;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bind(HandbookDocuments h) {
        handbook = h;
    }

    void unbind(HandbookDocuments h) {
        if (handbook == h) {
            handbook = null;
        }
    }

    boolean installed() {
        return handbook != null;
    }

    /**
     * The timing of each document for the members of {@code unitId}: on time when visible at least
     * {@code leadMs} before {@code startMs}; in the order given.
     */
    List<Document> timings(String unitId, Collection<String> itemIds, long startMs, long leadMs) {
        List<Document> out = new ArrayList<>();
        if (itemIds.isEmpty()) {
            return out;
        }
        HandbookDocuments h = handbook;
        Map<String, DocumentStatus> status = null;
        if (h != null) {
            try {
                status = h.statusAt(unitId, itemIds);
            } catch (RuntimeException e) {
                LOG.warn("The handbook could not say whether the documents of unit {} were posted: {}", unitId, e.toString());
            }
        }
        for (String id : itemIds) {
            if (status == null) {
                out.add(new Document(id, null, Document.Timing.UNKNOWN, null));
                continue;
            }
            DocumentStatus s = status.get(id);
            if (s == null || s.visibleSince() == null) {
                out.add(new Document(id, null, Document.Timing.MISSING, null));
            } else {
                Instant since = s.visibleSince();
                out.add(new Document(id, s.title(), since.toEpochMilli() <= startMs - leadMs ? Document.Timing.ON_TIME : Document.Timing.LATE,
                        since));
            }
        }
        return out;
    }

    /** The content the unit's members can read now; empty without the handbook. */
    List<DocumentContent> content(String unitId, Collection<String> itemIds) {
        HandbookDocuments h = handbook;
        if (h == null || itemIds.isEmpty()) {
            return List.of();
        }
        try {
            return h.contentAt(unitId, itemIds);
        } catch (RuntimeException e) {
            LOG.warn("The handbook could not give the documents of unit {}: {}", unitId, e.toString());
            return List.of();
        }
    }
}
