package org.sotay.notify.impl.internal;

import java.util.List;

import javax.persistence.LockModeType;
import javax.persistence.TypedQuery;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.api.security.Scope;
import org.sotay.notify.api.Delivery;
import org.sotay.notify.api.Inbox;
import org.sotay.notify.api.InboxService;
import org.sotay.notify.api.Notification;
import org.sotay.notify.api.NotifyPermissions;

/** The caller's inbox (keyed by the account, never by an id the client sends) and the failed deliveries within the caller's scope. */
@Component(service = InboxService.class)
public class InboxServiceImpl implements InboxService {
    private final JpaTemplate jpa;
    private final CallerContext callers;
    private final OrgTree tree;
    private final Journal journal;
    private final java.time.Clock clock;

    @Activate
    public InboxServiceImpl(@Reference NotifySchema schema, @Reference(target = "(osgi.unit.name=sotay-notify)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference OrgTree tree, @Reference Journal journal, @Reference java.time.Clock clock) {
        this(jpa, callers, tree, journal, clock);
    }

    InboxServiceImpl(JpaTemplate jpa, CallerContext callers, OrgTree tree, Journal journal, java.time.Clock clock) {
        this.jpa = jpa;
        this.callers = callers;
        this.tree = tree;
        this.journal = journal;
        this.clock = clock;
    }

    private String account() {
        Caller c = callers.current();
        if (!c.authenticated()) {
            throw SotayException.notFound(Text.of("Không có hộp thư.", "There is no inbox."));
        }
        return c.subject().length() > 36 ? c.subject().substring(0, 36) : c.subject();
    }

    @Override
    public Inbox inbox(long after, int limit) {
        String account = account();
        long from = Math.max(0, after);
        int n = Math.max(1, Math.min(limit, PageRequest.MAX_LIMIT));
        return jpa.txExpr(TransactionType.Required, em -> {
            List<Notification> items = em.createQuery("SELECT m FROM MessageEntity m WHERE m.accountId = :a AND m.seq > :after ORDER BY m.seq",
                    MessageEntity.class).setParameter("a", account).setParameter("after", from).setMaxResults(n + 1).getResultList().stream()
                    .map(MessageEntity::toDto).toList();
            boolean more = items.size() > n;
            List<Notification> page = more ? items.subList(0, n) : items;
            long unread = em.createQuery("SELECT COUNT(m) FROM MessageEntity m WHERE m.accountId = :a AND m.readMs IS NULL", Long.class)
                    .setParameter("a", account).getSingleResult();
            return new Inbox(page, page.isEmpty() ? from : page.get(page.size() - 1).cursor(), more, (int) unread);
        });
    }

    @Override
    public String version() {
        String account = account();
        return jpa.txExpr(TransactionType.Required, em -> {
            InboxEntity i = em.find(InboxEntity.class, account);
            return i == null ? "0.0" : i.lastSeq + "." + i.reads;
        });
    }

    @Override
    public void markRead(String id) {
        String account = account();
        jpa.tx(TransactionType.Required, em -> {
            MessageEntity m = id == null || id.length() > 36 ? null : em.find(MessageEntity.class, id);
            if (m == null || !m.accountId.equals(account)) {
                throw SotayException.notFound(Text.of("Không có thông báo này.", "There is no such notification."));
            }
            if (m.readMs == null) {
                InboxEntity i = em.find(InboxEntity.class, account, LockModeType.PESSIMISTIC_WRITE);
                m.readMs = clock.millis();
                i.reads++;
            }
        });
    }

    @Override
    public int markAllRead(long upTo) {
        String account = account();
        return jpa.txExpr(TransactionType.Required, em -> {
            InboxEntity i = em.find(InboxEntity.class, account, LockModeType.PESSIMISTIC_WRITE);
            if (i == null) {
                return 0;
            }
            int n = em.createQuery("UPDATE MessageEntity m SET m.readMs = :now WHERE m.accountId = :a AND m.readMs IS NULL AND m.seq <= :upTo")
                    .setParameter("now", clock.millis()).setParameter("a", account).setParameter("upTo", upTo).executeUpdate();
            if (n > 0) {
                i.reads++;
            }
            return n;
        });
    }

    @Override
    public Page<Delivery> failures(PageRequest page) {
        Scope scope = Scope.of(callers.current(), NotifyPermissions.MANAGE, tree);
        String where = " FROM DeliveryEntity d WHERE d.state = 'FAILED' AND " + scope.jpql("d.unitPath");
        return jpa.txExpr(TransactionType.Required, em -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(d)" + where, Long.class);
            TypedQuery<DeliveryEntity> list = em.createQuery("SELECT d" + where + " ORDER BY d.createdMs DESC, d.id", DeliveryEntity.class);
            scope.parameters().forEach((k, v) -> {
                count.setParameter(k, v);
                list.setParameter(k, v);
            });
            return new Page<>(list.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList().stream().map(DeliveryEntity::toDto)
                    .toList(), count.getSingleResult(), page);
        });
    }

    @Override
    public Delivery retry(String deliveryId) {
        Scope scope = Scope.of(callers.current(), NotifyPermissions.MANAGE, tree);
        return jpa.txExpr(TransactionType.Required, em -> {
            DeliveryEntity d = deliveryId == null || deliveryId.length() > 36 ? null : em.find(DeliveryEntity.class, deliveryId);
            if (d == null || !scope.covers(d.unitPath)) {
                throw SotayException.notFound(Text.of("Không có lần gửi này.", "There is no such delivery."));
            }
            if (!"SENT".equals(d.state)) {
                d.state = "PENDING";
                d.attempts = 0;
                d.nextMs = clock.millis();
                em.flush();
                String unit = d.unitPath.isEmpty() ? null : d.unitPath.substring(d.unitPath.lastIndexOf('/', d.unitPath.length() - 2) + 1,
                        d.unitPath.length() - 1);
                journal.in(NotifySchema.MODULE, em.unwrap(java.sql.Connection.class)).audit("delivery.retry", "delivery", d.id, unit,
                        "channel " + d.channel + " for message " + d.messageId);
            }
            return d.toDto();
        });
    }
}
