package org.sotay.sample.impl.internal;

import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.Query;
import javax.persistence.TypedQuery;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.FieldError;
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
import org.sotay.sample.api.Notice;
import org.sotay.sample.api.NoticeDraft;
import org.sotay.sample.api.NoticeService;
import org.sotay.sample.api.SampleEvents;
import org.sotay.sample.api.SamplePermissions;

/**
 * The notice board over JPA, written the way every Sotay module is:
 * <ul>
 * <li>constructor injection; the schema component first, so the tables are migrated;</li>
 * <li>every read filtered by the caller's scope in the query ({@link Scope} over the row's unit path);</li>
 * <li>every write one transaction, with its audit line and its event through the {@link Journal};</li>
 * <li>"now" from the platform's {@link Clock}, never from the JVM;</li>
 * <li>validation of every field at once, texts stored clean ({@link Validation#clean}).</li>
 * </ul>
 */
@Component(service = NoticeService.class)
public class NoticeServiceImpl implements NoticeService {
    private final JpaTemplate jpa;
    private final CallerContext callers;
    private final Journal journal;
    private final Clock clock;
    private final OrgTree tree;

    @Activate
    public NoticeServiceImpl(@Reference SampleSchema schema, @Reference(target = "(osgi.unit.name=sotay-sample)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Journal journal, @Reference Clock clock, @Reference OrgTree tree) {
        this(jpa, callers, journal, clock, tree);
    }

    /** Outside OSGi: the unit tests build the service on the test harness. */
    NoticeServiceImpl(JpaTemplate jpa, CallerContext callers, Journal journal, Clock clock, OrgTree tree) {
        this.jpa = jpa;
        this.callers = callers;
        this.journal = journal;
        this.clock = clock;
        this.tree = tree;
    }

    @Override
    public Page<Notice> list(String unitId, PageRequest page) {
        Scope scope = Scope.of(callers.current(), SamplePermissions.READ, tree);
        String unitPath = unitId == null || unitId.isBlank() ? null : visibleUnit(scope, unitId.strip(), "unit");
        String where = " FROM NoticeEntity n WHERE " + scope.jpql("n.unitPath") + (unitPath == null ? "" : " AND n.unitPath LIKE :unit");
        return jpa.txExpr(TransactionType.Required, em -> {
            TypedQuery<Long> count = bind(em.createQuery("SELECT COUNT(n)" + where, Long.class), scope, unitPath);
            TypedQuery<NoticeEntity> list = bind(em.createQuery("SELECT n" + where + " ORDER BY n.publishedMs DESC, n.id", NoticeEntity.class),
                    scope, unitPath);
            List<Notice> items = list.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList().stream()
                    .map(NoticeEntity::toDto).toList();
            return new Page<>(items, count.getSingleResult(), page);
        });
    }

    private static <Q extends Query> Q bind(Q q, Scope scope, String unitPath) {
        scope.parameters().forEach(q::setParameter);
        if (unitPath != null) {
            q.setParameter("unit", Scope.likePrefix(unitPath));
        }
        return q;
    }

    @Override
    public Notice get(String id) {
        Scope scope = Scope.of(callers.current(), SamplePermissions.READ, tree);
        return jpa.txExpr(TransactionType.Required, em -> find(em, scope, id).toDto());
    }

    @Override
    public Notice publish(NoticeDraft draft) {
        Caller caller = callers.current();
        NoticeDraft d = validate(draft, false);
        // the writer must hold WRITE over the unit; a unit outside their scope and no unit at all look the same
        String path = visibleUnit(Scope.of(caller, SamplePermissions.WRITE, tree), d.unitId().strip(), "unitId");
        return jpa.txExpr(TransactionType.Required, em -> {
            NoticeEntity n = new NoticeEntity();
            n.id = UUID.randomUUID().toString();
            n.unitId = d.unitId().strip();
            n.unitPath = path;
            n.title = Validation.clean(d.title());
            n.body = Validation.clean(d.body());
            n.publishedMs = clock.millis();
            n.publishedBy = caller.subject();
            em.persist(n);
            em.flush();
            Journal.Entries log = journal.in(SampleSchema.MODULE, em.unwrap(Connection.class));
            log.event(SampleEvents.NOTICE_PUBLISHED, Map.of(SampleEvents.ID, n.id, SampleEvents.UNITS, new String[] { n.unitId }));
            log.audit("notice.publish", "notice", n.id, n.unitId, "'" + n.title + "'");
            return n.toDto();
        });
    }

    @Override
    public Notice update(String id, NoticeDraft draft) {
        NoticeDraft d = validate(draft, true);
        Scope scope = Scope.of(callers.current(), SamplePermissions.WRITE, tree);
        return jpa.txExpr(TransactionType.Required, em -> {
            NoticeEntity n = find(em, scope, id);
            if (d.unitId() != null && !d.unitId().strip().equals(n.unitId)) {
                throw SotayException.invalid(List.of(new FieldError("unitId", "not-allowed", Text.of(
                        "Không đổi được đơn vị của thông báo; hãy đăng thông báo mới.", "A notice cannot move to another unit; publish a new one."))));
            }
            if (n.version != d.version()) {
                throw SotayException.staleVersion();
            }
            String before = n.title;
            n.title = Validation.clean(d.title());
            n.body = Validation.clean(d.body());
            em.flush();
            Journal.Entries log = journal.in(SampleSchema.MODULE, em.unwrap(Connection.class));
            log.event(SampleEvents.NOTICE_UPDATED, Map.of(SampleEvents.ID, n.id, SampleEvents.UNITS, new String[] { n.unitId }));
            log.audit("notice.update", "notice", n.id, n.unitId, "'" + before + "' -> '" + n.title + "'");
            return n.toDto();
        });
    }

    /** Every field at once; the stored form of the texts is clean (no surrounding spaces, NFC). */
    static NoticeDraft validate(NoticeDraft draft, boolean editing) {
        NoticeDraft d = draft == null ? new NoticeDraft(null, null, null, null) : draft;
        Validation v = new Validation();
        String title = Validation.clean(d.title());
        String body = Validation.clean(d.body());
        if (!editing) {
            v.required("unitId", Validation.clean(d.unitId()));
            v.check(d.version() == null, "version", "not-allowed", Text.of("Thông báo mới chưa có phiên bản.", "A new notice has no version yet."));
        }
        v.maxLength("unitId", d.unitId(), 36);
        v.required("title", title).text("title", title, NoticeDraft.TITLE_MAX);
        v.required("body", body).multiline("body", body, NoticeDraft.BODY_MAX);
        if (editing) {
            v.required("version", d.version());
        }
        v.throwIfInvalid();
        return d;
    }

    /** The unit's path when it lies in {@code scope}; not found otherwise (no difference between "elsewhere" and "nowhere"). */
    private String visibleUnit(Scope scope, String unitId, String field) {
        String path = unitId.length() > 36 ? "" : OrgTree.path(tree.lineage(unitId));
        if (path.isEmpty() || !scope.covers(path)) {
            throw SotayException.notFound(Text.of("Không có đơn vị này trong phạm vi của bạn.", "There is no such unit within your scope."));
        }
        return path;
    }

    private static NoticeEntity find(EntityManager em, Scope scope, String id) {
        List<NoticeEntity> found = id == null || id.length() > 36 ? List.of()
                : bind(em.createQuery("SELECT n FROM NoticeEntity n WHERE n.id = :id AND " + scope.jpql("n.unitPath"), NoticeEntity.class),
                        scope, null).setParameter("id", id).getResultList();
        if (found.isEmpty()) {
            throw SotayException.notFound(Text.of("Không có thông báo này.", "There is no such notice."));
        }
        return found.get(0);
    }
}
