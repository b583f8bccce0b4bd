package org.sotay.handbook.impl.internal;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.handbook.api.ItemSummary;
import org.sotay.handbook.api.Note;
import org.sotay.handbook.api.NoteDraft;
import org.sotay.handbook.api.PersonalService;
import org.sotay.registry.api.MemberService;

/**
 * Bookmarks and private notes, keyed by the reader (the member, else the account), on items the reader may read;
 * private, so not audited (they change nobody else's data and name no one).
 */
@Component(service = PersonalService.class)
public class PersonalServiceImpl implements PersonalService {
    private final JpaTemplate jpa;
    private final CallerContext callers;
    private final Clock clock;
    private final OrgTree tree;
    private final MemberService members;

    @Activate
    public PersonalServiceImpl(@Reference HandbookSchema schema, @Reference(target = "(osgi.unit.name=sotay-handbook)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Clock clock, @Reference OrgTree tree, @Reference MemberService members) {
        this(jpa, callers, clock, tree, members);
    }

    PersonalServiceImpl(JpaTemplate jpa, CallerContext callers, Clock clock, OrgTree tree, MemberService members) {
        this.jpa = jpa;
        this.callers = callers;
        this.clock = clock;
        this.tree = tree;
        this.members = members;
    }

    private Reader reader() {
        return Reader.of(callers.current(), members, tree);
    }

    @Override
    public void bookmark(String itemId) {
        Reader r = reader();
        long now = clock.millis();
        try {
            jpa.txExpr(TransactionType.Required, em -> {
                Connection c = em.unwrap(Connection.class);
                ItemSummary s = LibraryServiceImpl.visible(c, r, itemId);
                if (Sql.count(c, "SELECT COUNT(*) FROM HBK_BOOKMARK WHERE READER_ID = ? AND ITEM_ID = ?", r.key, s.id()) == 0) {
                    Sql.update(c, "INSERT INTO HBK_BOOKMARK (READER_ID, ITEM_ID, CREATED_MS) VALUES (?, ?, ?)", r.key, s.id(), now);
                }
                return null;
            });
        } catch (RuntimeException e) {
            if (!Sql.duplicate(e)) {
                throw e; // two taps at once: the other one stands
            }
        }
    }

    @Override
    public void unbookmark(String itemId) {
        Reader r = reader();
        jpa.txExpr(TransactionType.Required, em -> Sql.update(em.unwrap(Connection.class), "DELETE FROM HBK_BOOKMARK WHERE READER_ID = ? AND ITEM_ID = ?",
                r.key, itemId == null ? "" : itemId));
    }

    @Override
    public Page<ItemSummary> bookmarks(PageRequest page) {
        Reader r = reader();
        List<Object> params = new ArrayList<>();
        params.add(r.key);
        String where = " FROM HBK_BOOKMARK b JOIN HBK_ITEM i ON i.ID = b.ITEM_ID WHERE b.READER_ID = ? AND i.STATUS = 'PUBLISHED' AND "
                + r.audience("i.ID", true, params);
        return jpa.txExpr(TransactionType.Required, em -> {
            Connection c = em.unwrap(Connection.class);
            long total = Sql.count(c, "SELECT COUNT(*)" + where, params.toArray());
            List<Object> all = new ArrayList<>();
            all.add(r.memberId == null ? "" : r.memberId);
            all.addAll(params);
            all.add(page.offset());
            all.add(page.limit());
            return new Page<>(Sql.query(c, "SELECT " + Items.SUMMARY_COLUMNS + where + " ORDER BY b.CREATED_MS DESC, i.ID OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                    Items::summary, all.toArray()), total, page);
        });
    }

    @Override
    public Note note(String itemId) {
        Reader r = reader();
        return jpa.txExpr(TransactionType.Required, em -> {
            ItemSummary s = LibraryServiceImpl.visible(em.unwrap(Connection.class), r, itemId);
            NoteEntity n = find(em, r, s.id());
            if (n == null) {
                throw SotayException.notFound(Text.of("Bạn chưa ghi chú cho tài liệu này.", "You have no note on this item."));
            }
            return dto(n);
        });
    }

    @Override
    public Note saveNote(String itemId, NoteDraft draft) {
        String text = Validation.clean(draft == null ? null : draft.text());
        Validation v = new Validation();
        v.required("text", text).multiline("text", text, Note.TEXT_MAX);
        v.throwIfInvalid();
        Reader r = reader();
        long now = clock.millis();
        return jpa.txExpr(TransactionType.Required, em -> {
            ItemSummary s = LibraryServiceImpl.visible(em.unwrap(Connection.class), r, itemId);
            NoteEntity n = find(em, r, s.id());
            if (n == null) {
                n = new NoteEntity();
                n.id = UUID.randomUUID().toString();
                n.readerId = r.key;
                n.itemId = s.id();
                n.text = text;
                n.updatedMs = now;
                em.persist(n);
            } else {
                if (draft.version() == null || draft.version() != n.version) {
                    throw SotayException.staleVersion();
                }
                n.text = text;
                n.updatedMs = now;
            }
            em.flush();
            return dto(n);
        });
    }

    @Override
    public void deleteNote(String itemId) {
        Reader r = reader();
        jpa.txExpr(TransactionType.Required, em -> Sql.update(em.unwrap(Connection.class), "DELETE FROM HBK_NOTE WHERE READER_ID = ? AND ITEM_ID = ?", r.key,
                itemId == null ? "" : itemId));
    }

    @Override
    public Page<Note> notes(PageRequest page) {
        Reader r = reader();
        List<Object> params = new ArrayList<>();
        params.add(r.key);
        String where = " FROM HBK_NOTE n JOIN HBK_ITEM i ON i.ID = n.ITEM_ID WHERE n.READER_ID = ? AND i.STATUS = 'PUBLISHED' AND "
                + r.audience("i.ID", true, params);
        return jpa.txExpr(TransactionType.Required, em -> {
            Connection c = em.unwrap(Connection.class);
            long total = Sql.count(c, "SELECT COUNT(*)" + where, params.toArray());
            List<Object> all = new ArrayList<>(params);
            all.add(page.offset());
            all.add(page.limit());
            return new Page<>(Sql.query(c, "SELECT n.ITEM_ID, n.NOTE_TEXT, n.UPDATED_MS, n.VERSION" + where
                    + " ORDER BY n.UPDATED_MS DESC, n.ID OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                    rs -> new Note(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getLong(4)), all.toArray()), total, page);
        });
    }

    private static NoteEntity find(javax.persistence.EntityManager em, Reader r, String itemId) {
        List<NoteEntity> found = em.createQuery("SELECT n FROM NoteEntity n WHERE n.readerId = :r AND n.itemId = :i", NoteEntity.class)
                .setParameter("r", r.key).setParameter("i", itemId).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    private static Note dto(NoteEntity n) {
        return new Note(n.itemId, n.text, Instant.ofEpochMilli(n.updatedMs), n.version);
    }
}
