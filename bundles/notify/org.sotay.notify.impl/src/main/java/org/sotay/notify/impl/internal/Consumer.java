package org.sotay.notify.impl.internal;

import java.util.ArrayList;
import java.util.List;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.event.Event;
import org.sotay.core.api.Text;
import org.sotay.core.api.security.OrgTree;
import org.sotay.identity.api.recipients.Recipients;

/**
 * Turns other modules' events into messages, by topic and property name only (this module depends on
 * none of them): the meetings module's scheduled, moved and cancelled meetings (to the cell's members and
 * to the staff of the committee above it), and what it tells of held meetings (for close-the-loop
 * reminders); the handbook's mandatory items (to the members of their audience) and answered feedback.
 * Each event is handled once ({@code NTF_SEEN}, in the transaction that writes its messages).
 */
final class Consumer {
    static final String MEETINGS = "org/sotay/meetings/meeting/";
    static final String SCHEDULED = MEETINGS + "SCHEDULED";
    static final String MOVED = MEETINGS + "MOVED";
    static final String CANCELLED = MEETINGS + "CANCELLED";
    static final String HELD = MEETINGS + "HELD";
    static final String MINUTES_APPROVED = MEETINGS + "MINUTES_APPROVED";
    static final String RECORDED_ON_PAPER = MEETINGS + "RECORDED_ON_PAPER";
    static final String ITEM_PUBLISHED = "org/sotay/handbook/item/PUBLISHED";
    static final String FEEDBACK_ANSWERED = "org/sotay/handbook/feedback/ANSWERED";
    /** Who the upper committee's staff are: those granted meetings.read at the committee (COMMITTEE_STAFF by default). */
    static final String STAFF_PERMISSION = "meetings.read";
    static final String SECRETARY_PERMISSION = "meetings.manage";

    private final JpaTemplate jpa;
    private final Recipients recipients;
    private final OrgTree tree;
    private final Messages messages;
    private final java.time.Clock clock;

    Consumer(JpaTemplate jpa, Recipients recipients, OrgTree tree, Messages messages, java.time.Clock clock) {
        this.jpa = jpa;
        this.recipients = recipients;
        this.tree = tree;
        this.messages = messages;
        this.clock = clock;
    }

    static String string(Event e, String name) {
        Object v = e.getProperty(name);
        return v instanceof String s ? s : v instanceof String[] a && a.length > 0 ? a[0] : null;
    }

    static long number(Event e, String name) {
        Object v = e.getProperty(name);
        return v instanceof Number n ? n.longValue() : 0L;
    }

    static List<String> strings(Event e, String name) {
        Object v = e.getProperty(name);
        return v instanceof String[] a ? List.of(a) : v instanceof String s ? List.of(s) : List.of();
    }

    void handle(Event e) {
        String eventId = string(e, "eventId");
        if (eventId == null || eventId.length() > 64) {
            return; // not from the outbox: nothing durable to answer for
        }
        jpa.tx(TransactionType.Required, em -> {
            Number seen = (Number) em.createNativeQuery("SELECT COUNT(*) FROM NTF_SEEN WHERE EVENT_ID = ?").setParameter(1, eventId).getSingleResult();
            if (seen.longValue() > 0) {
                return;
            }
            em.createNativeQuery("INSERT INTO NTF_SEEN (EVENT_ID, SEEN_MS) VALUES (?, ?)").setParameter(1, eventId).setParameter(2, clock.millis())
                    .executeUpdate();
            String topic = e.getTopic();
            if (topic.startsWith(MEETINGS)) {
                meeting(em, e, eventId);
            } else if (topic.equals(ITEM_PUBLISHED)) {
                published(em, e, eventId);
            } else if (topic.equals(FEEDBACK_ANSWERED)) {
                answered(em, e, eventId);
            }
        });
    }

    private void meeting(EntityManager em, Event e, String eventId) {
        String id = string(e, "id");
        String unit = string(e, "units");
        if (id == null || unit == null || id.length() > 36 || unit.length() > 36) {
            return;
        }
        List<String> lineage = tree.currentLineage(unit);
        String path = OrgTree.path(lineage);
        String title = string(e, "title") == null ? "Sinh hoạt chi bộ" : string(e, "title");
        long start = number(e, "startMs");
        long end = number(e, "endMs");
        int seq = (int) number(e, "sequence");
        String topic = e.getTopic();
        TrackedMeeting t = em.find(TrackedMeeting.class, id);
        boolean fresh = t == null;
        if (fresh) {
            t = new TrackedMeeting();
            t.meetingId = id;
            t.status = "SCHEDULED";
            t.seq = -1;
        }
        t.unitId = unit;
        t.unitPath = path;
        t.updatedMs = clock.millis();
        boolean newer = seq >= t.seq;
        if (newer) {
            t.title = Messages.cut(title, 300);
            t.startMs = start;
            t.endMs = end;
            t.seq = seq;
            if (topic.equals(CANCELLED)) {
                t.status = "CANCELLED";
            } else if (topic.equals(SCHEDULED) || topic.equals(MOVED)) {
                t.status = "SCHEDULED";
            }
        }
        if (topic.equals(HELD)) {
            t.held = true;
        } else if (topic.equals(MINUTES_APPROVED) || topic.equals(RECORDED_ON_PAPER)) {
            t.held = true;
            t.minutes = true;
        }
        if (fresh) {
            em.persist(t);
        }
        em.flush();
        if (!(topic.equals(SCHEDULED) || topic.equals(MOVED) || topic.equals(CANCELLED)) || !newer && !topic.equals(SCHEDULED)) {
            return;
        }
        java.time.ZoneId zone = clock.getZone();
        String link = "/v1/meetings/" + id;
        String reason = string(e, "reason");
        Text toMembers;
        Text toStaff;
        Text body;
        String kind;
        switch (topic) {
        case SCHEDULED -> {
            kind = "meeting.scheduled";
            toMembers = Text.of("Lịch sinh hoạt chi bộ: " + title, "Cell meeting: " + title);
            toStaff = Text.of("Chi bộ đã đăng ký lịch sinh hoạt: " + title, "A cell registered its meeting: " + title);
            body = Text.of(Texts.vi(start, zone) + ".", Texts.en(start, zone) + ".");
        }
        case MOVED -> {
            kind = "meeting.moved";
            toMembers = Text.of("Dời lịch sinh hoạt: " + title, "Meeting moved: " + title);
            toStaff = Text.of("Chi bộ dời lịch sinh hoạt: " + title, "A cell moved its meeting: " + title);
            body = Text.of("Sang " + Texts.vi(start, zone) + "." + (reason == null ? "" : " Lý do: " + reason),
                    "To " + Texts.en(start, zone) + "." + (reason == null ? "" : " Reason: " + reason));
        }
        default -> {
            kind = "meeting.cancelled";
            toMembers = Text.of("Hủy buổi sinh hoạt: " + title, "Meeting cancelled: " + title);
            toStaff = Text.of("Chi bộ hủy buổi sinh hoạt: " + title, "A cell cancelled its meeting: " + title);
            body = Text.of("Buổi " + Texts.vi(start, zone) + " không họp." + (reason == null ? "" : " Lý do: " + reason),
                    "The meeting of " + Texts.en(start, zone) + " will not take place." + (reason == null ? "" : " Reason: " + reason));
        }
        }
        String dedup = "event:" + eventId;
        messages.deliver(em, recipients.membersOf(unit), new Messages.Draft(kind, toMembers, body, link, dedup, path));
        if (lineage.size() >= 2) {
            String parent = lineage.get(lineage.size() - 2);
            messages.deliver(em, recipients.holding(STAFF_PERMISSION, parent, true), new Messages.Draft(kind + ".committee", toStaff, body, link, dedup,
                    path));
        }
    }

    private void published(EntityManager em, Event e, String eventId) {
        if (!Boolean.TRUE.equals(e.getProperty("mandatory"))) {
            return;
        }
        String title = string(e, "title") == null ? "" : string(e, "title");
        String deadline = string(e, "deadline");
        String id = string(e, "id");
        Text head = Text.of("Tài liệu cần đọc: " + title, "Required reading: " + title);
        Text body = deadline == null ? Text.of("Đồng chí hãy đọc tài liệu này.", "Please read this document.")
                : Text.of("Hạn đọc: " + deadline + ".", "Read it by " + deadline + ".");
        List<String> accounts = new ArrayList<>();
        String path = "";
        for (String unit : strings(e, "units")) {
            if (unit.length() <= 36) {
                accounts.addAll(recipients.membersOf(unit));
                path = path.isEmpty() ? OrgTree.path(tree.currentLineage(unit)) : path;
            }
        }
        messages.deliver(em, accounts, new Messages.Draft("handbook.mandatory", head, body, id == null ? null : "/v1/handbook/items/" + id,
                "event:" + eventId, path));
    }

    private void answered(EntityManager em, Event e, String eventId) {
        String account = string(e, "accountId");
        if (account == null || account.length() > 36) {
            return;
        }
        List<String> roots = tree.roots();
        messages.deliver(em, List.of(account), new Messages.Draft("handbook.feedback-answered", Text.of("Góp ý của đồng chí đã được trả lời",
                "Your feedback was answered"), Text.of("Mở để xem câu trả lời.", "Open it to read the answer."), null, "event:" + eventId,
                roots.isEmpty() ? "" : OrgTree.path(List.of(roots.get(0)))));
    }
}
