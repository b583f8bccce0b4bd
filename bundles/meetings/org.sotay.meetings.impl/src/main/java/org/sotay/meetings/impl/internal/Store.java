package org.sotay.meetings.impl.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import javax.persistence.Query;

import org.sotay.core.api.security.OrgTree;
import org.sotay.core.api.security.Scope;
import org.sotay.meetings.api.AgendaItem;
import org.sotay.meetings.api.AttendanceState;
import org.sotay.meetings.api.Counts;
import org.sotay.meetings.api.Document;
import org.sotay.meetings.api.MarkSource;
import org.sotay.meetings.api.Meeting;
import org.sotay.meetings.api.MeetingEvents;
import org.sotay.meetings.api.MeetingStatus;
import org.sotay.meetings.api.MemberCategory;
import org.sotay.meetings.api.MinutesState;
import org.sotay.meetings.api.Roll;
import org.sotay.meetings.api.RollEntry;
import org.sotay.meetings.api.Standing;

/** Look-ups and conversions the meetings services share. */
final class Store {
    private Store() {
    }

    static <Q extends Query> Q bind(Q q, Scope scope) {
        scope.parameters().forEach(q::setParameter);
        return q;
    }

    /** A meeting within {@code scope}, or not found (elsewhere and nowhere look the same). */
    static MeetingEntity meeting(EntityManager em, Scope scope, String id) {
        if (id == null || id.length() > 36) {
            throw Problems.meetingNotFound();
        }
        List<MeetingEntity> found = bind(em.createQuery("SELECT m FROM MeetingEntity m WHERE m.id = :id AND " + scope.jpql("m.unitPath"),
                MeetingEntity.class), scope).setParameter("id", id).getResultList();
        if (found.isEmpty()) {
            throw Problems.meetingNotFound();
        }
        return found.get(0);
    }

    /** The same, locked for the rest of the transaction (marks, minutes, batches of one meeting are serialized). */
    static MeetingEntity locked(EntityManager em, Scope scope, String id) {
        MeetingEntity m = meeting(em, scope, id);
        em.lock(m, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(m);
        return m;
    }

    /** The unit's path when it lies in {@code scope}; not found otherwise. */
    static String visibleUnit(OrgTree tree, Scope scope, String unitId) {
        String id = unitId == null ? "" : unitId.strip();
        String path = id.isEmpty() || id.length() > 36 ? "" : OrgTree.path(tree.lineage(id));
        if (path.isEmpty() || !scope.covers(path)) {
            throw Problems.unitNotFound();
        }
        return path;
    }

    static Meeting toDto(Context c, EntityManager em, MeetingEntity m, boolean manager) {
        KindEntity kind = em.find(KindEntity.class, m.kindCode);
        int minimum = kind == null ? 0 : c.settings().minimumMinutes(m.kindCode, kind.minMinutes);
        VenueEntity venue = m.venueId == null ? null : em.find(VenueEntity.class, m.venueId);
        List<Agenda.Item> items = Agenda.items(m.agendaJson);
        long lead = c.settings().config().documentLeadHours() * 3_600_000L;
        Map<String, Document> docs = new HashMap<>();
        for (Document d : c.documents().timings(m.unitId, Agenda.documentIds(items), m.startMs, lead)) {
            docs.put(d.itemId(), d);
        }
        List<AgendaItem> agenda = new ArrayList<>();
        int position = 1;
        for (Agenda.Item i : items) {
            agenda.add(new AgendaItem(i.id(), position++, i.title(), i.documentIds().stream().map(docs::get).toList()));
        }
        return new Meeting(m.id, m.unitId, m.kindCode, m.title, MeetingStatus.valueOf(m.status), m.localDate, m.localTime,
                Instant.ofEpochMilli(m.startMs), Instant.ofEpochMilli(m.endMs), m.durationMin, minimum, m.durationMin < minimum, m.venueId,
                venue != null ? venue.name : m.venueText, venue == null ? null : venue.internet, m.chairId, m.minuteTakerId, agenda,
                manager ? m.checkInCode : null, m.beforeDeadline, m.recordedLate, m.cancelReason, MinutesState.valueOf(m.minutesState),
                Instant.ofEpochMilli(m.registeredMs), m.registeredBy, m.seq, m.version);
    }

    /** The deadline for registering a meeting of {@code month}: the configured day of the month before. */
    static LocalDate deadline(YearMonth month, int day) {
        YearMonth before = month.minusMonths(1);
        return before.atDay(Math.max(1, Math.min(day, before.lengthOfMonth())));
    }

    /** The facts of a meeting every event carries. */
    static Map<String, Object> facts(Context c, EntityManager em, MeetingEntity m) {
        Map<String, Object> p = new HashMap<>();
        p.put(MeetingEvents.ID, m.id);
        p.put(MeetingEvents.UNITS, new String[] { m.unitId });
        p.put(MeetingEvents.KIND, m.kindCode);
        p.put(MeetingEvents.TITLE, m.title);
        p.put(MeetingEvents.START_MS, m.startMs);
        p.put(MeetingEvents.END_MS, m.endMs);
        p.put(MeetingEvents.PERIOD, YearMonth.from(m.localDate).toString());
        p.put(MeetingEvents.BEFORE_DEADLINE, m.beforeDeadline);
        p.put(MeetingEvents.RECORDED_LATE, m.recordedLate);
        KindEntity kind = em.find(KindEntity.class, m.kindCode);
        p.put(MeetingEvents.TOO_SHORT, kind != null && m.durationMin < c.settings().minimumMinutes(m.kindCode, kind.minMinutes));
        VenueEntity venue = m.venueId == null ? null : em.find(VenueEntity.class, m.venueId);
        if (venue != null) {
            p.put(MeetingEvents.VENUE_INTERNET, venue.internet);
        }
        p.put(MeetingEvents.SEQUENCE, m.seq);
        int onTime = 0;
        int late = 0;
        int missing = 0;
        int unknown = 0;
        for (Document d : c.documents().timings(m.unitId, Agenda.documentIds(Agenda.items(m.agendaJson)), m.startMs,
                c.settings().config().documentLeadHours() * 3_600_000L)) {
            switch (d.timing()) {
            case ON_TIME -> onTime++;
            case LATE -> late++;
            case MISSING -> missing++;
            default -> unknown++;
            }
        }
        p.put(MeetingEvents.DOCS_ON_TIME, onTime);
        p.put(MeetingEvents.DOCS_LATE, late);
        p.put(MeetingEvents.DOCS_MISSING, missing);
        p.put(MeetingEvents.DOCS_UNKNOWN, unknown);
        p.put(MeetingEvents.MINUTES_APPROVED_FLAG, MinutesState.APPROVED.name().equals(m.minutesState));
        p.put(MeetingEvents.PAPER, m.paperBlobId != null);
        return p;
    }

    /** The facts plus the roll's counts. */
    static Map<String, Object> factsWithRoll(Context c, EntityManager em, MeetingEntity m, Roll r) {
        Map<String, Object> p = facts(c, em, m);
        p.put(MeetingEvents.MEMBERS, r.members().total());
        p.put(MeetingEvents.PRESENT_OFFICIAL, r.present().official());
        p.put(MeetingEvents.PRESENT_PROBATIONARY, r.present().probationary());
        p.put(MeetingEvents.PRESENT_ATTACHED, r.present().attached());
        p.put(MeetingEvents.ABSENT_EXCUSED, r.absentExcused());
        // an active member left unmarked at a held meeting did not come: absent without a reason
        p.put(MeetingEvents.ABSENT_UNEXCUSED, r.absentUnexcused() + r.unmarked());
        p.put(MeetingEvents.EXEMPT, r.exempt());
        p.put(MeetingEvents.AWAY, r.away());
        p.put(MeetingEvents.MARKED_BY_SECRETARY, r.markedBySecretary());
        p.put(MeetingEvents.SELF_CHECK_INS, r.selfCheckIns());
        return p;
    }

    /** The roll computed from its entries, never typed. */
    static Roll roll(String meetingId, List<RollEntry> entries) {
        int[] members = new int[4];
        int[] present = new int[4];
        int exempt = 0;
        int away = 0;
        int excused = 0;
        int unexcused = 0;
        int unmarked = 0;
        int secretary = 0;
        int self = 0;
        List<RollEntry> withReason = new ArrayList<>();
        List<RollEntry> withoutReason = new ArrayList<>();
        for (RollEntry e : entries) {
            int k = 1 + e.category().ordinal();
            members[0]++;
            members[k]++;
            if (e.standing() == Standing.EXEMPT) {
                exempt++;
            } else if (e.standing() == Standing.AWAY) {
                away++;
            }
            switch (e.state()) {
            case PRESENT -> {
                present[0]++;
                present[k]++;
            }
            case ABSENT_EXCUSED -> {
                excused++;
                withReason.add(e);
            }
            case ABSENT -> {
                unexcused++;
                withoutReason.add(e);
            }
            default -> {
                if (e.standing() == Standing.ACTIVE) {
                    unmarked++;
                }
            }
            }
            if (e.source() == MarkSource.SECRETARY) {
                secretary++;
            } else if (e.source() == MarkSource.SELF) {
                self++;
            }
        }
        return new Roll(meetingId, counts(members), exempt, away, counts(present), excused, unexcused, unmarked, secretary, self, withReason,
                withoutReason, entries);
    }

    private static Counts counts(int[] c) {
        return new Counts(c[0], c[1 + MemberCategory.OFFICIAL.ordinal()], c[1 + MemberCategory.PROBATIONARY.ordinal()],
                c[1 + MemberCategory.ATTACHED.ordinal()]);
    }

    static boolean marked(AttendanceState s) {
        return s != AttendanceState.UNMARKED;
    }
}
