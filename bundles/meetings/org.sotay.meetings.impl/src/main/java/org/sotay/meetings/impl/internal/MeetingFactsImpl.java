package org.sotay.meetings.impl.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.blobs.BlobStore;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.meetings.api.MeetingStatus;
import org.sotay.meetings.api.MinutesState;
import org.sotay.meetings.api.facts.MeetingFacts;

/** Meetings' facts for the reporting module: what the events carry, computed the same way ({@link Store#facts}), read again on demand. */
@Component(service = MeetingFacts.class)
public class MeetingFactsImpl implements MeetingFacts {
    private final Context c;
    private final Rolls rolls;

    @Activate
    public MeetingFactsImpl(@Reference MeetingsSchema schema, @Reference(target = "(osgi.unit.name=sotay-meetings)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Journal journal, @Reference java.time.Clock clock, @Reference OrgTree tree,
            @Reference MeetingsSettings settings, @Reference Roster roster, @Reference Documents documents, @Reference BlobStore blobs) {
        this(new Context(jpa, callers, journal, clock, tree, settings, roster, documents, blobs));
    }

    MeetingFactsImpl(Context c) {
        this.c = c;
        this.rolls = new Rolls(c);
    }

    @Override
    public Optional<Map<String, Object>> facts(String meetingId) {
        if (meetingId == null || meetingId.length() > 36) {
            return Optional.empty();
        }
        return c.jpa().txExpr(TransactionType.Required, em -> {
            MeetingEntity m = em.find(MeetingEntity.class, meetingId);
            if (m == null) {
                return Optional.<Map<String, Object>>empty();
            }
            boolean withRoll = MeetingStatus.HELD.name().equals(m.status) || MinutesState.APPROVED.name().equals(m.minutesState)
                    || m.paperBlobId != null;
            Map<String, Object> p = new HashMap<>(withRoll ? Store.factsWithRoll(c, em, m, Store.roll(m.id, rolls.entries(em, m))) : Store.facts(c, em, m));
            p.put(STATUS, m.status);
            p.put(VERSION, m.version);
            p.put(WITH_ROLL, withRoll);
            return Optional.of(p);
        });
    }

    @Override
    public List<String> ids(String afterId, int limit) {
        String after = afterId == null ? "" : afterId;
        int n = Math.max(1, Math.min(limit, 5000));
        return c.jpa().txExpr(TransactionType.Required, em -> em.createQuery("SELECT m.id FROM MeetingEntity m WHERE m.id > :a ORDER BY m.id", String.class)
                .setParameter("a", after).setMaxResults(n).getResultList());
    }
}
