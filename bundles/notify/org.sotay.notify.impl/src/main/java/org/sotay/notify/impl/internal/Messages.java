package org.sotay.notify.impl.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;

import org.sotay.core.api.Text;

/**
 * Puts messages into inboxes: each account's message is numbered under its inbox row's lock (so a
 * cursor never skips a message committed late), at most once per {@code dedupKey} (an event delivered
 * twice, a job run twice), with a pending delivery for every channel the message's kind is configured
 * for. Runs in the caller's transaction.
 */
final class Messages {
    private final NotifySettings settings;
    private final java.time.Clock clock;

    Messages(NotifySettings settings, java.time.Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** A message to write. */
    record Draft(String kind, Text title, Text body, String link, String dedupKey, String unitPath) {
    }

    /** How many inboxes received it (accounts that had it already are skipped). */
    int deliver(EntityManager em, Collection<String> accounts, Draft d) {
        long now = clock.millis();
        int written = 0;
        for (String account : new LinkedHashSet<>(accounts)) {
            Long seen = em.createQuery("SELECT COUNT(m) FROM MessageEntity m WHERE m.accountId = :a AND m.dedupKey = :k", Long.class)
                    .setParameter("a", account).setParameter("k", d.dedupKey()).getSingleResult();
            if (seen > 0) {
                continue;
            }
            InboxEntity inbox = em.find(InboxEntity.class, account, LockModeType.PESSIMISTIC_WRITE);
            if (inbox == null) {
                inbox = new InboxEntity();
                inbox.accountId = account;
                em.persist(inbox);
            }
            inbox.lastSeq++;
            inbox.updatedMs = now;
            MessageEntity m = new MessageEntity();
            m.id = UUID.randomUUID().toString();
            m.accountId = account;
            m.seq = inbox.lastSeq;
            m.kind = d.kind();
            m.titleVi = cut(d.title().vi(), 300);
            m.titleEn = cut(d.title().en(), 300);
            m.bodyVi = cut(d.body().vi(), 4000);
            m.bodyEn = cut(d.body().en(), 4000);
            m.link = d.link() == null ? null : cut(d.link(), 300);
            m.dedupKey = cut(d.dedupKey(), 200);
            m.unitPath = d.unitPath() == null ? "" : d.unitPath();
            m.createdMs = now;
            em.persist(m);
            for (String channel : settings.channelsFor(d.kind())) {
                DeliveryEntity del = new DeliveryEntity();
                del.id = UUID.randomUUID().toString();
                del.messageId = m.id;
                del.accountId = account;
                del.kind = d.kind();
                del.channel = cut(channel, 40);
                del.state = "PENDING";
                del.nextMs = now;
                del.unitPath = m.unitPath;
                del.createdMs = now;
                em.persist(del);
            }
            written++;
        }
        em.flush();
        return written;
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
