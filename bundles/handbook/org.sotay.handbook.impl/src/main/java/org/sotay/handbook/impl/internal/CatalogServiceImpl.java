package org.sotay.handbook.impl.internal;

import java.sql.Connection;
import java.util.List;
import java.util.UUID;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.VietnameseText;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.api.security.Scope;
import org.sotay.handbook.api.CatalogService;
import org.sotay.handbook.api.Category;
import org.sotay.handbook.api.CategoryDraft;
import org.sotay.handbook.api.HandbookPermissions;
import org.sotay.handbook.api.Kind;

/** Kinds and categories: the deployment's, changed only by holders of {@link HandbookPermissions#CATALOG_MANAGE} at a root. */
@Component(service = CatalogService.class)
public class CatalogServiceImpl implements CatalogService {
    private final JpaTemplate jpa;
    private final CallerContext callers;
    private final Journal journal;
    private final OrgTree tree;

    @Activate
    public CatalogServiceImpl(@Reference HandbookSchema schema, @Reference(target = "(osgi.unit.name=sotay-handbook)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Journal journal, @Reference OrgTree tree) {
        this(jpa, callers, journal, tree);
    }

    CatalogServiceImpl(JpaTemplate jpa, CallerContext callers, Journal journal, OrgTree tree) {
        this.jpa = jpa;
        this.callers = callers;
        this.journal = journal;
        this.tree = tree;
    }

    @Override
    public List<Kind> kinds() {
        return jpa.txExpr(TransactionType.Required, em -> Sql.query(em.unwrap(Connection.class),
                "SELECT CODE, NAME_VI, NAME_EN, NUMBERED, SORT_ORDER FROM HBK_KIND ORDER BY SORT_ORDER, CODE",
                rs -> new Kind(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) == 1, rs.getInt(5))));
    }

    @Override
    public Kind saveKind(Kind kind) {
        Kind k = kind == null ? new Kind(null, null, null, false, 0) : kind;
        String code = Validation.clean(k.code());
        String vi = Validation.clean(k.nameVi());
        String en = Validation.clean(k.nameEn());
        Validation v = new Validation();
        v.required("code", code).check(code == null || code.matches("[a-z][a-z0-9-]{0,39}"), "code", "format",
                Text.of("Mã loại gồm chữ thường không dấu, số và dấu gạch ngang (tối đa 40).", "A kind code is lower-case letters, digits and dashes (at most 40)."));
        v.required("nameVi", vi).text("nameVi", vi, Kind.NAME_MAX);
        v.required("nameEn", en).text("nameEn", en, Kind.NAME_MAX);
        v.check(k.position() >= 0 && k.position() <= 100_000, "position", "out-of-range", Text.of("Từ 0 đến 100000.", "From 0 to 100000."));
        v.throwIfInvalid();
        requireRoot();
        return jpa.txExpr(TransactionType.Required, em -> {
            Connection c = em.unwrap(Connection.class);
            int changed = Sql.update(c, "UPDATE HBK_KIND SET NAME_VI = ?, NAME_EN = ?, NUMBERED = ?, SORT_ORDER = ? WHERE CODE = ?", vi, en, k.numbered(),
                    k.position(), code);
            if (changed == 0) {
                Sql.update(c, "INSERT INTO HBK_KIND (CODE, NAME_VI, NAME_EN, NUMBERED, SORT_ORDER) VALUES (?, ?, ?, ?, ?)", code, vi, en, k.numbered(), k.position());
            }
            journal.in(HandbookSchema.MODULE, c).audit(changed == 0 ? "kind.create" : "kind.update", "kind", code, null, vi + " / " + en);
            return new Kind(code, vi, en, k.numbered(), k.position());
        });
    }

    @Override
    public List<Category> categories() {
        return jpa.txExpr(TransactionType.Required, em -> Sql.query(em.unwrap(Connection.class),
                "SELECT ID, PARENT_ID, NAME, DEPTH, VERSION FROM HBK_CATEGORY ORDER BY SORT_KEY, ID",
                rs -> new Category(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5))));
    }

    @Override
    public Category createCategory(CategoryDraft draft) {
        String name = Validation.clean(draft == null ? null : draft.name());
        String parent = Validation.clean(draft == null ? null : draft.parentId());
        Validation v = new Validation();
        v.required("name", name).text("name", name, Category.NAME_MAX);
        v.maxLength("parentId", parent, 36);
        v.throwIfInvalid();
        requireRoot();
        return jpa.txExpr(TransactionType.Required, em -> {
            Connection c = em.unwrap(Connection.class);
            String id = UUID.randomUUID().toString();
            String path = "/" + id + "/";
            String sort = VietnameseText.sortKey(name);
            int depth = 0;
            if (parent != null && !parent.isEmpty()) {
                List<Object[]> p = Sql.query(c, "SELECT PATH, SORT_KEY, DEPTH FROM HBK_CATEGORY WHERE ID = ?",
                        rs -> new Object[] { rs.getString(1), rs.getString(2), rs.getInt(3) }, parent);
                if (p.isEmpty()) {
                    new Validation().add("parentId", "unknown", Text.of("Không có danh mục này.", "There is no such category.")).throwIfInvalid();
                }
                if ((Integer) p.get(0)[2] >= 5) {
                    new Validation().add("parentId", "too-deep", Text.of("Danh mục có tối đa 6 cấp.", "Categories are at most 6 levels deep.")).throwIfInvalid();
                }
                path = p.get(0)[0] + id + "/";
                sort = p.get(0)[1] + "/" + sort;
                depth = (Integer) p.get(0)[2] + 1;
            }
            if (sort.length() > 2000) {
                sort = sort.substring(0, 2000);
            }
            Sql.update(c, "INSERT INTO HBK_CATEGORY (ID, PARENT_ID, PATH, NAME, SORT_KEY, DEPTH, VERSION) VALUES (?, ?, ?, ?, ?, ?, 1)", id,
                    parent == null || parent.isEmpty() ? null : parent, path, name, sort, depth);
            journal.in(HandbookSchema.MODULE, c).audit("category.create", "category", id, null, "'" + name + "'");
            return new Category(id, parent == null || parent.isEmpty() ? null : parent, name, depth, 1);
        });
    }

    private void requireRoot() {
        if (!Scope.of(callers.current(), HandbookPermissions.CATALOG_MANAGE, tree).everything()) {
            throw SotayException.forbidden(Text.of("Danh mục và loại tài liệu là của cả tỉnh: cần quyền " + HandbookPermissions.CATALOG_MANAGE
                    + " ở cấp tỉnh.", "Kinds and categories belong to the whole deployment: " + HandbookPermissions.CATALOG_MANAGE + " at the root is needed."));
        }
    }
}
