#set( $symbol_pound = '#' )
#set( $symbol_dollar = '$' )
package ${package}.impl.internal;

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

import ${package}.api.${moduleClass}Events;
import ${package}.api.${moduleClass}Permissions;
import ${package}.api.Item;
import ${package}.api.ItemDraft;
import ${package}.api.ItemService;

/**
 * The items over JPA, written the way every Sotay module is: constructor injection (the schema component
 * first, so the tables are migrated); every read filtered by the caller's scope in the query
 * ({@link Scope} over the row's unit path); every write one transaction, with its audit line and its event
 * through the {@link Journal}; "now" from the platform's {@link Clock}; every field validated at once, texts
 * stored clean ({@link Validation${symbol_pound}clean}).
 */
@Component(service = ItemService.class)
public class ItemServiceImpl implements ItemService {
    private final JpaTemplate jpa;
    private final CallerContext callers;
    private final Journal journal;
    private final Clock clock;
    private final OrgTree tree;

    @Activate
    public ItemServiceImpl(@Reference ${moduleClass}Schema schema, @Reference(target = "(osgi.unit.name=sotay-${moduleName})") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Journal journal, @Reference Clock clock, @Reference OrgTree tree) {
        this(jpa, callers, journal, clock, tree);
    }

    /** Outside OSGi: the unit tests build the service on the test harness. */
    ItemServiceImpl(JpaTemplate jpa, CallerContext callers, Journal journal, Clock clock, OrgTree tree) {
        this.jpa = jpa;
        this.callers = callers;
        this.journal = journal;
        this.clock = clock;
        this.tree = tree;
    }

    @Override
    public Page<Item> list(String unitId, PageRequest page) {
        Scope scope = Scope.of(callers.current(), ${moduleClass}Permissions.READ, tree);
        String unitPath = unitId == null || unitId.isBlank() ? null : visibleUnit(scope, unitId.strip());
        String where = " FROM ItemEntity i WHERE " + scope.jpql("i.unitPath") + (unitPath == null ? "" : " AND i.unitPath LIKE :unit");
        return jpa.txExpr(TransactionType.Required, em -> {
            TypedQuery<Long> count = bind(em.createQuery("SELECT COUNT(i)" + where, Long.class), scope, unitPath);
            TypedQuery<ItemEntity> list = bind(em.createQuery("SELECT i" + where + " ORDER BY i.createdMs DESC, i.id", ItemEntity.class),
                    scope, unitPath);
            List<Item> items = list.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList().stream()
                    .map(ItemEntity::toDto).toList();
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
    public Item get(String id) {
        Scope scope = Scope.of(callers.current(), ${moduleClass}Permissions.READ, tree);
        return jpa.txExpr(TransactionType.Required, em -> find(em, scope, id).toDto());
    }

    @Override
    public Item create(ItemDraft draft) {
        Caller caller = callers.current();
        ItemDraft d = validate(draft, false);
        // the writer must hold WRITE over the unit; a unit outside their scope and no unit at all look the same
        String path = visibleUnit(Scope.of(caller, ${moduleClass}Permissions.WRITE, tree), d.unitId().strip());
        return jpa.txExpr(TransactionType.Required, em -> {
            ItemEntity i = new ItemEntity();
            i.id = UUID.randomUUID().toString();
            i.unitId = d.unitId().strip();
            i.unitPath = path;
            i.title = Validation.clean(d.title());
            i.createdMs = clock.millis();
            i.createdBy = caller.subject();
            em.persist(i);
            em.flush();
            Journal.Entries log = journal.in(${moduleClass}Schema.MODULE, em.unwrap(Connection.class));
            log.event(${moduleClass}Events.ITEM_CREATED, Map.of(${moduleClass}Events.ID, i.id, ${moduleClass}Events.UNITS, new String[] { i.unitId }));
            log.audit("item.create", "item", i.id, i.unitId, "'" + i.title + "'");
            return i.toDto();
        });
    }

    @Override
    public Item update(String id, ItemDraft draft) {
        ItemDraft d = validate(draft, true);
        Scope scope = Scope.of(callers.current(), ${moduleClass}Permissions.WRITE, tree);
        return jpa.txExpr(TransactionType.Required, em -> {
            ItemEntity i = find(em, scope, id);
            if (d.unitId() != null && !d.unitId().strip().equals(i.unitId)) {
                throw SotayException.invalid(List.of(new FieldError("unitId", "not-allowed", Text.of(
                        "Không đổi được đơn vị của mục này; hãy tạo mục mới.", "An item cannot move to another unit; create a new one."))));
            }
            if (i.version != d.version()) {
                throw SotayException.staleVersion();
            }
            String before = i.title;
            i.title = Validation.clean(d.title());
            em.flush();
            Journal.Entries log = journal.in(${moduleClass}Schema.MODULE, em.unwrap(Connection.class));
            log.event(${moduleClass}Events.ITEM_UPDATED, Map.of(${moduleClass}Events.ID, i.id, ${moduleClass}Events.UNITS, new String[] { i.unitId }));
            log.audit("item.update", "item", i.id, i.unitId, "'" + before + "' -> '" + i.title + "'");
            return i.toDto();
        });
    }

    /** Every field at once; the stored form of the texts is clean (no surrounding spaces, NFC). */
    static ItemDraft validate(ItemDraft draft, boolean editing) {
        ItemDraft d = draft == null ? new ItemDraft(null, null, null) : draft;
        Validation v = new Validation();
        String title = Validation.clean(d.title());
        if (!editing) {
            v.required("unitId", Validation.clean(d.unitId()));
            v.check(d.version() == null, "version", "not-allowed", Text.of("Mục mới chưa có phiên bản.", "A new item has no version yet."));
        }
        v.maxLength("unitId", d.unitId(), 36);
        v.required("title", title).text("title", title, ItemDraft.TITLE_MAX);
        if (editing) {
            v.required("version", d.version());
        }
        v.throwIfInvalid();
        return d;
    }

    /** The unit's path when it lies in {@code scope}; not found otherwise (no difference between "elsewhere" and "nowhere"). */
    private String visibleUnit(Scope scope, String unitId) {
        String path = unitId.length() > 36 ? "" : OrgTree.path(tree.lineage(unitId));
        if (path.isEmpty() || !scope.covers(path)) {
            throw SotayException.notFound(Text.of("Không có đơn vị này trong phạm vi của bạn.", "There is no such unit within your scope."));
        }
        return path;
    }

    private static ItemEntity find(EntityManager em, Scope scope, String id) {
        List<ItemEntity> found = id == null || id.length() > 36 ? List.of()
                : bind(em.createQuery("SELECT i FROM ItemEntity i WHERE i.id = :id AND " + scope.jpql("i.unitPath"), ItemEntity.class),
                        scope, null).setParameter("id", id).getResultList();
        if (found.isEmpty()) {
            throw SotayException.notFound(Text.of("Không có mục này.", "There is no such item."));
        }
        return found.get(0);
    }
}
