package org.sotay.handbook.impl.internal;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.api.security.Scope;
import org.sotay.handbook.api.Audience;
import org.sotay.handbook.api.EditorService;
import org.sotay.handbook.api.Feedback;
import org.sotay.handbook.api.FeedbackAnswer;
import org.sotay.handbook.api.FeedbackDraft;
import org.sotay.handbook.api.FeedbackService;
import org.sotay.handbook.api.FeedbackStatus;
import org.sotay.handbook.api.FeedbackTopic;
import org.sotay.handbook.api.HandbookEvents;
import org.sotay.handbook.api.HandbookPermissions;
import org.sotay.handbook.api.Item;
import org.sotay.handbook.api.ItemDraft;
import org.sotay.handbook.api.QaDraft;
import org.sotay.registry.api.MemberService;

/**
 * Feedback and questions. A member's feedback belongs to their cell, a staff sender's to a unit where they
 * read; staff holding {@link HandbookPermissions#FEEDBACK_ANSWER} over it answer. The sender's account is
 * always stored (and is the actor of its audit line); {@code hideSender} only keeps the name from others.
 * Sending is counted per account in the database (every node sees the same count).
 */
@Component(service = FeedbackService.class, configurationPid = HandbookConfig.PID)
public class FeedbackServiceImpl implements FeedbackService {
    private final JpaTemplate jpa;
    private final CallerContext callers;
    private final Journal journal;
    private final Clock clock;
    private final OrgTree tree;
    private final MemberService members;
    private final EditorService editor;
    private volatile HandbookConfig config;

    @Activate
    public FeedbackServiceImpl(@Reference HandbookSchema schema, @Reference(target = "(osgi.unit.name=sotay-handbook)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Journal journal, @Reference Clock clock, @Reference OrgTree tree,
            @Reference MemberService members, @Reference EditorService editor, HandbookConfig config) {
        this(jpa, callers, journal, clock, tree, members, editor, config);
    }

    FeedbackServiceImpl(JpaTemplate jpa, CallerContext callers, Journal journal, Clock clock, OrgTree tree, MemberService members,
            EditorService editor, HandbookConfig config) {
        this.jpa = jpa;
        this.callers = callers;
        this.journal = journal;
        this.clock = clock;
        this.tree = tree;
        this.members = members;
        this.editor = editor;
        this.config = config;
    }

    @Modified
    void modified(HandbookConfig c) {
        this.config = c;
    }

    @Override
    public Feedback send(FeedbackDraft draft) {
        FeedbackDraft d = draft == null ? new FeedbackDraft(null, null, null, null, null, null) : draft;
        String subject = Validation.clean(d.subject());
        String body = Validation.clean(d.body());
        String itemId = Validation.clean(d.itemId());
        String unitId = Validation.clean(d.unitId());
        Validation v = new Validation();
        v.required("topic", d.topic());
        v.text("subject", subject, FeedbackDraft.SUBJECT_MAX);
        v.required("body", body).multiline("body", body, FeedbackDraft.BODY_MAX);
        v.maxLength("itemId", itemId, 36).maxLength("unitId", unitId, 36);
        v.check(d.topic() != FeedbackTopic.CONTENT || (itemId != null && !itemId.isEmpty()), "itemId", "required",
                Text.of("Góp ý về nội dung cần nêu tài liệu.", "Feedback on content names the item."));
        v.throwIfInvalid();
        Caller caller = callers.current();
        Reader r = Reader.of(caller, members, tree);
        String unit;
        if (r.memberId != null && (unitId == null || unitId.isEmpty())) {
            unit = r.cellId;
        } else {
            Scope reads = Scope.of(caller, HandbookPermissions.READ, tree);
            String u = unitId == null || unitId.isEmpty() ? (r.cellId != null ? r.cellId : caller.unitsFor(HandbookPermissions.READ).stream().sorted().findFirst().orElse(null)) : unitId;
            String p = u == null ? "" : OrgTree.path(tree.lineage(u));
            if (p.isEmpty() || !(reads.covers(p) || p.equals(r.cellPath))) {
                throw SotayException.invalid(List.of(new org.sotay.core.api.FieldError("unitId", "unknown",
                        Text.of("Không có đơn vị này trong phạm vi của bạn.", "There is no such unit within your scope."))));
            }
            unit = u;
        }
        String unitPath = OrgTree.path(tree.lineage(unit));
        long now = clock.millis();
        HandbookConfig c = config;
        return jpa.txExpr(TransactionType.Required, em -> {
            Connection conn = em.unwrap(Connection.class);
            if (itemId != null && !itemId.isEmpty()) {
                LibraryServiceImpl.visible(conn, r, itemId);
            }
            long hour = Sql.count(conn, "SELECT COUNT(*) FROM HBK_FEEDBACK WHERE ACCOUNT_ID = ? AND CREATED_MS > ?", caller.subject(), now - 3_600_000L);
            long day = Sql.count(conn, "SELECT COUNT(*) FROM HBK_FEEDBACK WHERE ACCOUNT_ID = ? AND CREATED_MS > ?", caller.subject(), now - 86_400_000L);
            if (hour >= c.feedbackPerHour() || day >= c.feedbackPerDay()) {
                throw SotayException.tooManyRequests(Text.of("Bạn đã gửi nhiều góp ý; hãy thử lại sau.", "You have sent a lot of feedback; try again later."),
                        hour >= c.feedbackPerHour() ? 3600 : 86_400);
            }
            FeedbackEntity f = new FeedbackEntity();
            f.id = UUID.randomUUID().toString();
            f.accountId = caller.subject();
            f.memberId = r.memberId;
            f.senderName = caller.displayName().length() > 200 ? caller.displayName().substring(0, 200) : caller.displayName();
            f.unitId = unit;
            f.unitPath = unitPath;
            f.itemId = itemId == null || itemId.isEmpty() ? null : itemId;
            f.topic = d.topic().name();
            f.subject = subject == null || subject.isEmpty() ? null : subject;
            f.body = body;
            f.hideSender = Boolean.TRUE.equals(d.hideSender()) ? 1 : 0;
            f.status = FeedbackStatus.NEW.name();
            f.createdMs = now;
            em.persist(f);
            em.flush();
            journal.in(HandbookSchema.MODULE, conn).audit("feedback.send", "feedback", f.id, f.unitId, f.topic + (f.itemId == null ? "" : " on item " + f.itemId));
            return dto(f, caller);
        });
    }

    @Override
    public Page<Feedback> mine(PageRequest page) {
        Caller caller = callers.current();
        return jpa.txExpr(TransactionType.Required, em -> {
            long total = em.createQuery("SELECT COUNT(f) FROM FeedbackEntity f WHERE f.accountId = :a", Long.class).setParameter("a", caller.subject())
                    .getSingleResult();
            List<Feedback> items = em.createQuery("SELECT f FROM FeedbackEntity f WHERE f.accountId = :a ORDER BY f.createdMs DESC, f.id", FeedbackEntity.class)
                    .setParameter("a", caller.subject()).setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList().stream()
                    .map(f -> dto(f, caller)).toList();
            return new Page<>(items, total, page);
        });
    }

    @Override
    public Page<Feedback> inbox(FeedbackStatus status, PageRequest page) {
        Caller caller = callers.current();
        Scope scope = Scope.of(caller, HandbookPermissions.FEEDBACK_ANSWER, tree);
        String where = " FROM FeedbackEntity f WHERE " + scope.jpql("f.unitPath") + (status == null ? "" : " AND f.status = :status");
        return jpa.txExpr(TransactionType.Required, em -> {
            TypedQuery<Long> count = bind(em.createQuery("SELECT COUNT(f)" + where, Long.class), scope, status);
            TypedQuery<FeedbackEntity> list = bind(em.createQuery("SELECT f" + where + " ORDER BY f.createdMs, f.id", FeedbackEntity.class), scope, status);
            List<Feedback> items = list.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList().stream().map(f -> dto(f, caller)).toList();
            return new Page<>(items, count.getSingleResult(), page);
        });
    }

    private static <Q extends javax.persistence.Query> Q bind(Q q, Scope scope, FeedbackStatus status) {
        scope.parameters().forEach(q::setParameter);
        if (status != null) {
            q.setParameter("status", status.name());
        }
        return q;
    }

    @Override
    public Feedback get(String id) {
        Caller caller = callers.current();
        Scope scope = Scope.of(caller, HandbookPermissions.FEEDBACK_ANSWER, tree);
        return jpa.txExpr(TransactionType.Required, em -> dto(find(em, scope, caller, id, true), caller));
    }

    @Override
    public Feedback answer(String id, FeedbackAnswer answer) {
        String text = Validation.clean(answer == null ? null : answer.answer());
        Validation v = new Validation();
        v.required("answer", text).multiline("answer", text, FeedbackAnswer.ANSWER_MAX);
        v.required("version", answer == null ? null : answer.version());
        v.throwIfInvalid();
        Caller caller = callers.current();
        Scope scope = Scope.of(caller, HandbookPermissions.FEEDBACK_ANSWER, tree);
        long now = clock.millis();
        return jpa.txExpr(TransactionType.Required, em -> {
            FeedbackEntity f = find(em, scope, caller, id, false);
            if (f.version != answer.version()) {
                throw SotayException.staleVersion();
            }
            if (FeedbackStatus.CLOSED.name().equals(f.status)) {
                throw new SotayException(EditorServiceImpl.STATE, Text.of("Góp ý đã đóng.", "The feedback is closed."));
            }
            f.answer = text;
            f.answeredBy = caller.displayName();
            f.answeredMs = now;
            f.status = FeedbackStatus.ANSWERED.name();
            em.flush();
            Connection c = em.unwrap(Connection.class);
            Journal.Entries log = journal.in(HandbookSchema.MODULE, c);
            log.event(HandbookEvents.FEEDBACK_ANSWERED, Map.of(HandbookEvents.ID, f.id, HandbookEvents.UNITS, new String[] { f.unitId },
                    HandbookEvents.ACCOUNT, f.accountId));
            log.audit("feedback.answer", "feedback", f.id, f.unitId, "answered");
            return dto(f, caller);
        });
    }

    @Override
    public Feedback close(String id, long version) {
        Caller caller = callers.current();
        Scope scope = Scope.of(caller, HandbookPermissions.FEEDBACK_ANSWER, tree);
        return jpa.txExpr(TransactionType.Required, em -> {
            FeedbackEntity f = find(em, scope, caller, id, false);
            if (f.version != version) {
                throw SotayException.staleVersion();
            }
            f.status = FeedbackStatus.CLOSED.name();
            em.flush();
            journal.in(HandbookSchema.MODULE, em.unwrap(Connection.class)).audit("feedback.close", "feedback", f.id, f.unitId, "closed");
            return dto(f, caller);
        });
    }

    @Override
    public Item toQa(String id, QaDraft draft) {
        Caller caller = callers.current();
        Scope scope = Scope.of(caller, HandbookPermissions.FEEDBACK_ANSWER, tree);
        FeedbackEntity f = jpa.txExpr(TransactionType.Required, em -> find(em, scope, caller, id, false));
        if (!FeedbackStatus.ANSWERED.name().equals(f.status) && !FeedbackStatus.CLOSED.name().equals(f.status) || f.answer == null) {
            throw new SotayException(EditorServiceImpl.STATE, Text.of("Chỉ câu hỏi đã trả lời mới đăng thành hỏi đáp.", "Only an answered question becomes a Q&A item."));
        }
        if (f.publishedItemId != null) {
            throw new SotayException(EditorServiceImpl.STATE, Text.of("Câu hỏi này đã được đăng.", "This question was published already."));
        }
        QaDraft q = draft == null ? new QaDraft(null, null, null) : draft;
        String asker = f.hideSender == 1 ? "Một đảng viên" : f.senderName;
        String title = f.subject != null ? f.subject : (f.body.length() > 120 ? f.body.substring(0, 117) + "..." : f.body).replace('\n', ' ');
        String body = "**Hỏi** (" + asker + "):\n\n" + quote(f.body) + "\n\n**Trả lời:**\n\n" + f.answer;
        Audience audience = q.audience() == null ? new Audience(List.of(), List.of()) : q.audience();
        Item item = editor.create(new ItemDraft("qa", q.categoryId(), title, null, body, List.of(), null, null, null, q.ownerUnitId(), audience, false,
                null, null));
        jpa.txExpr(TransactionType.Required, em -> {
            FeedbackEntity e = em.find(FeedbackEntity.class, f.id);
            e.publishedItemId = item.id();
            em.flush();
            journal.in(HandbookSchema.MODULE, em.unwrap(Connection.class)).audit("feedback.to-qa", "feedback", e.id, e.unitId, "item " + item.id());
            return null;
        });
        return item;
    }

    private static String quote(String s) {
        return "> " + s.replace("\n", "\n> ");
    }

    /** The sender's own ({@code mineToo}), or one in the staff scope; anything else is not found. */
    private static FeedbackEntity find(EntityManager em, Scope scope, Caller caller, String id, boolean mineToo) {
        if (id == null || id.length() > 36) {
            throw notFound();
        }
        TypedQuery<FeedbackEntity> q = em.createQuery("SELECT f FROM FeedbackEntity f WHERE f.id = :id AND (" + scope.jpql("f.unitPath")
                + (mineToo ? " OR f.accountId = :me" : "") + ")", FeedbackEntity.class);
        scope.parameters().forEach(q::setParameter);
        q.setParameter("id", id);
        if (mineToo) {
            q.setParameter("me", caller.subject());
        }
        List<FeedbackEntity> found = q.getResultList();
        if (found.isEmpty()) {
            throw notFound();
        }
        return found.get(0);
    }

    private static SotayException notFound() {
        return SotayException.notFound(Text.of("Không có góp ý này.", "There is no such feedback."));
    }

    private static Feedback dto(FeedbackEntity f, Caller viewer) {
        boolean mine = f.accountId.equals(viewer.subject());
        return new Feedback(f.id, FeedbackTopic.valueOf(f.topic), f.itemId, f.subject, f.body, FeedbackStatus.valueOf(f.status),
                f.hideSender == 1 && !mine ? null : f.senderName, f.hideSender == 1, mine, f.unitId, Instant.ofEpochMilli(f.createdMs), f.answer,
                Items.instant(f.answeredMs), f.answeredBy, f.publishedItemId, f.version);
    }
}
