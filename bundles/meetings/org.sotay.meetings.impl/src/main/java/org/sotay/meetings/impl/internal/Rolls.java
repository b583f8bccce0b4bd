package org.sotay.meetings.impl.internal;

import java.util.ArrayList;
import java.util.List;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.TransactionType;
import org.sotay.core.api.VietnameseText;
import org.sotay.core.api.security.Scope;
import org.sotay.meetings.api.AttendanceState;
import org.sotay.meetings.api.MeetingsPermissions;
import org.sotay.meetings.api.Roll;
import org.sotay.meetings.api.RollEntry;

/**
 * The roll of a meeting: its roster is taken from the registry once, when attendance is first
 * recorded (so later transfers do not rewrite a past meeting's roll), and read live until then.
 */
final class Rolls {
    private final Context c;

    Rolls(Context c) {
        this.c = c;
    }

    Roll roll(String meetingId) {
        Scope read = Scope.of(c.callers().current(), MeetingsPermissions.READ, c.tree());
        return c.jpa().txExpr(TransactionType.Required, em -> {
            MeetingEntity m = Store.meeting(em, read, meetingId);
            return Store.roll(m.id, entries(em, m));
        });
    }

    List<AttendanceEntity> rows(EntityManager em, String meetingId) {
        return em.createQuery("SELECT a FROM AttendanceEntity a WHERE a.meetingId = :m ORDER BY a.sortKey, a.memberId", AttendanceEntity.class)
                .setParameter("m", meetingId).getResultList();
    }

    List<RollEntry> entries(EntityManager em, MeetingEntity m) {
        List<AttendanceEntity> rows = rows(em, m.id);
        if (!rows.isEmpty()) {
            return rows.stream().map(AttendanceEntity::toDto).toList();
        }
        List<RollEntry> out = new ArrayList<>();
        for (RosterMember r : c.roster().of(m.unitId, m.localDate)) {
            out.add(row(m.id, r).toDto());
        }
        return out;
    }

    /** The roster taken into the meeting's rows, once; the rows. */
    List<AttendanceEntity> snapshot(EntityManager em, MeetingEntity m) {
        List<AttendanceEntity> rows = rows(em, m.id);
        if (!rows.isEmpty()) {
            return new ArrayList<>(rows);
        }
        List<AttendanceEntity> out = new ArrayList<>();
        for (RosterMember r : c.roster().of(m.unitId, m.localDate)) {
            AttendanceEntity a = row(m.id, r);
            em.persist(a);
            out.add(a);
        }
        em.flush();
        return out;
    }

    static AttendanceEntity row(String meetingId, RosterMember r) {
        AttendanceEntity a = new AttendanceEntity();
        a.meetingId = meetingId;
        a.memberId = r.memberId();
        a.fullName = r.fullName();
        String key = VietnameseText.nameSortKey(r.fullName());
        a.sortKey = key.length() > 1000 ? key.substring(0, 1000) : key;
        a.category = r.category().name();
        a.standing = r.standing().name();
        a.voting = r.voting();
        a.state = AttendanceState.UNMARKED.name();
        return a;
    }
}
