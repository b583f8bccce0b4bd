package org.sotay.sample.impl.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.persistence.SchemaMigrator;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.sample.api.Notice;
import org.sotay.sample.api.NoticeDraft;
import org.sotay.sample.api.NoticeService;

/**
 * The notice board over JPA. The schema is migrated when the component activates, before the
 * persistence unit is first used; every write is one transaction.
 */
@Component(service = NoticeService.class)
public class NoticeServiceImpl implements NoticeService {
    static final String MODULE = "sample";

    private final JpaTemplate jpa;
    private final CallerContext callers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin events;

    @Activate
    public NoticeServiceImpl(BundleContext context, @Reference SchemaMigrator migrator,
            @Reference(target = "(osgi.unit.name=sotay-sample)") JpaTemplate jpa, @Reference CallerContext callers) {
        migrator.migrate(MODULE, context.getBundle(), "db/migration/" + MODULE);
        this.jpa = jpa;
        this.callers = callers;
    }

    @Override
    public Page<Notice> list(PageRequest page) {
        return jpa.txExpr(TransactionType.Required, em -> {
            long total = em.createQuery("SELECT COUNT(n) FROM NoticeEntity n", Long.class).getSingleResult();
            List<Notice> items = em.createQuery("SELECT n FROM NoticeEntity n ORDER BY n.publishedAt DESC, n.id", NoticeEntity.class)
                    .setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList()
                    .stream().map(NoticeEntity::toDto).toList();
            return new Page<>(items, total, page);
        });
    }

    @Override
    public Notice get(String id) {
        return jpa.txExpr(TransactionType.Required, em -> find(em, id).toDto());
    }

    @Override
    public Notice publish(NoticeDraft draft) {
        Caller caller = requireWriter();
        validate(draft, false);
        Notice notice = jpa.txExpr(TransactionType.Required, em -> {
            NoticeEntity e = new NoticeEntity(UUID.randomUUID().toString(), Validation.clean(draft.title()), Validation.clean(draft.body()),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), caller.subject());
            em.persist(e);
            em.flush();
            return e.toDto();
        });
        EventAdmin ea = events;
        if (ea != null) {
            ea.postEvent(new Event(TOPIC_PUBLISHED, Map.of("id", notice.id(), "title", notice.title())));
        }
        return notice;
    }

    @Override
    public Notice update(String id, NoticeDraft draft) {
        requireWriter();
        validate(draft, true);
        return jpa.txExpr(TransactionType.Required, em -> {
            NoticeEntity e = find(em, id);
            if (e.version() != draft.version()) {
                throw SotayException.staleVersion();
            }
            e.edit(Validation.clean(draft.title()), Validation.clean(draft.body()));
            em.flush();
            return e.toDto();
        });
    }

    private Caller requireWriter() {
        Caller caller = callers.current();
        if (!caller.has(PERMISSION_WRITE)) {
            throw SotayException.forbidden(Text.of("Bạn không có quyền đăng thông báo.", "You may not publish notices."));
        }
        return caller;
    }

    static void validate(NoticeDraft draft, boolean editing) {
        Validation v = new Validation();
        if (draft == null) {
            v.required("body", null).throwIfInvalid();
        }
        String title = Validation.clean(draft.title());
        String body = Validation.clean(draft.body());
        v.required("title", title).maxLength("title", title, NoticeDraft.TITLE_MAX);
        v.required("body", body).maxLength("body", body, NoticeDraft.BODY_MAX);
        if (editing) {
            v.required("version", draft.version());
        }
        v.throwIfInvalid();
    }

    private static NoticeEntity find(EntityManager em, String id) {
        NoticeEntity e = id == null ? null : em.find(NoticeEntity.class, id);
        if (e == null) {
            throw SotayException.notFound(Text.of("Không có thông báo " + id + ".", "There is no notice " + id + "."));
        }
        return e;
    }
}
