package org.sotay.meetings.impl.internal;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.blobs.BlobStore;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.api.security.Scope;
import org.sotay.meetings.api.AttendanceService;
import org.sotay.meetings.api.AttendanceState;
import org.sotay.meetings.api.CheckIn;
import org.sotay.meetings.api.MarkSource;
import org.sotay.meetings.api.Mark;
import org.sotay.meetings.api.MeetingEvents;
import org.sotay.meetings.api.MeetingStatus;
import org.sotay.meetings.api.MeetingsPermissions;
import org.sotay.meetings.api.MinutesState;
import org.sotay.meetings.api.QrCode;
import org.sotay.meetings.api.Roll;
import org.sotay.meetings.api.RollEntry;
import org.sotay.registry.api.Member;

/**
 * Attendance: members check themselves in (code or signed QR, within the window around the meeting),
 * the secretary marks anyone, and the roll is computed from the entries.
 */
@Component(service = AttendanceService.class)
public class AttendanceServiceImpl implements AttendanceService {
    private final Context c;
    private final Rolls rolls;
    private final QrSigner qr;

    @Activate
    public AttendanceServiceImpl(@Reference MeetingsSchema schema, @Reference(target = "(osgi.unit.name=sotay-meetings)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Journal journal, @Reference java.time.Clock clock, @Reference OrgTree tree,
            @Reference MeetingsSettings settings, @Reference Roster roster, @Reference Documents documents, @Reference BlobStore blobs) {
        this(new Context(jpa, callers, journal, clock, tree, settings, roster, documents, blobs));
    }

    AttendanceServiceImpl(Context c) {
        this.c = c;
        this.rolls = new Rolls(c);
        this.qr = new QrSigner(c.jpa(), c.clock());
    }

    @Override
    public Roll roll(String meetingId) {
        return rolls.roll(meetingId);
    }

    private long opens(MeetingEntity m) {
        return m.startMs - c.settings().config().checkInOpensMinutes() * 60_000L;
    }

    private long closes(MeetingEntity m) {
        return m.endMs + c.settings().config().checkInClosesMinutes() * 60_000L;
    }

    @Override
    public QrCode qr(String meetingId) {
        Scope manage = Scope.of(c.callers().current(), MeetingsPermissions.MANAGE, c.tree());
        return c.jpa().txExpr(TransactionType.Required, em -> {
            MeetingEntity m = Store.meeting(em, manage, meetingId);
            if (MeetingStatus.CANCELLED.name().equals(m.status)) {
                throw Problems.state("Cuộc họp đã hủy.", "The meeting is cancelled.");
            }
            return new QrCode(qr.sign(m.id, closes(m)), java.time.Instant.ofEpochMilli(opens(m)), java.time.Instant.ofEpochMilli(closes(m)));
        });
    }

    @Override
    public RollEntry checkIn(CheckIn checkIn) {
        CheckIn ci = checkIn == null ? new CheckIn(null, null) : checkIn;
        String code = Codes.normalise(ci.code());
        boolean byCode = !code.isEmpty();
        boolean byQr = ci.qr() != null && !ci.qr().isBlank();
        Validation v = new Validation();
        v.check(byCode || byQr, "code", "required", Text.of("Nhập mã điểm danh hoặc quét mã QR.", "Type the check-in code or scan the QR code."));
        v.check(!(byCode && byQr), "qr", "not-allowed", Text.of("Chỉ một trong hai: mã hoặc QR.", "Either the code or the QR payload, not both."));
        v.check(code.length() <= 12, "code", "too-long", Text.of("Mã không đúng.", "Not a check-in code.")).maxLength("qr", ci.qr(), 200);
        v.throwIfInvalid();
        Caller caller = c.callers().current();
        Member self = c.roster().self();
        if (self == null) {
            throw SotayException.notFound(Text.of("Tài khoản này không gắn với đảng viên nào: chỉ đảng viên tự điểm danh.",
                    "This account belongs to no member: only members check themselves in."));
        }
        long now = c.now();
        LocalDate today = c.today();
        Set<String> cells = new HashSet<>();
        cells.add(self.cellId());
        cells.addAll(c.roster().attachedUnits(self.id(), today));
        Scope attend = Scope.of(caller, MeetingsPermissions.ATTEND, c.tree());
        SotayException wrong = SotayException.notFound(Text.of("Mã điểm danh không đúng, hoặc không phải cuộc họp của chi bộ đồng chí.",
                "Wrong check-in code, or not a meeting of your cell."));
        return c.jpa().txExpr(TransactionType.Required, em -> {
            MeetingEntity m;
            if (byCode) {
                List<MeetingEntity> found = Store.bind(em.createQuery("SELECT m FROM MeetingEntity m WHERE m.checkInCode = :code AND m.status <> 'CANCELLED'"
                        + " AND " + attend.jpql("m.unitPath") + " ORDER BY m.startMs DESC", MeetingEntity.class), attend).setParameter("code", code)
                        .getResultList().stream().filter(x -> cells.contains(x.unitId)).toList();
                if (found.isEmpty()) {
                    throw wrong;
                }
                m = found.get(0);
            } else {
                QrSigner.Payload p = qr.verify(ci.qr());
                if (p == null || p.meetingId().length() > 36) {
                    throw wrong;
                }
                List<MeetingEntity> found = Store.bind(em.createQuery("SELECT m FROM MeetingEntity m WHERE m.id = :id AND " + attend.jpql("m.unitPath"),
                        MeetingEntity.class), attend).setParameter("id", p.meetingId()).getResultList();
                if (found.isEmpty() || !cells.contains(found.get(0).unitId) || now > p.validUntilMs()) {
                    throw wrong;
                }
                m = found.get(0);
            }
            em.lock(m, javax.persistence.LockModeType.PESSIMISTIC_WRITE);
            em.refresh(m);
            if (MeetingStatus.CANCELLED.name().equals(m.status)) {
                throw wrong;
            }
            if (now < opens(m) || now > closes(m)) {
                throw new SotayException(Problems.NOT_OPEN, Text.of("Điểm danh mở từ " + Times.time(m.localTime).minusMinutes(
                        c.settings().config().checkInOpensMinutes()) + " ngày " + MeetingServiceImpl.DAY.format(m.localDate) + " đến "
                        + c.settings().config().checkInClosesMinutes() + " phút sau khi kết thúc.", "Check-in opens "
                                + c.settings().config().checkInOpensMinutes() + " minutes before the start and closes "
                                + c.settings().config().checkInClosesMinutes() + " minutes after the end."));
            }
            locked(m);
            List<AttendanceEntity> rows = rolls.snapshot(em, m);
            AttendanceEntity a = rows.stream().filter(r -> r.memberId.equals(self.id())).findFirst().orElse(null);
            if (a == null) {
                RosterMember r = c.roster().member(m.unitId, self.id(), m.localDate);
                if (r == null) {
                    throw wrong;
                }
                a = Rolls.row(m.id, r);
                em.persist(a);
            }
            if (!AttendanceState.PRESENT.name().equals(a.state)) {
                a.state = AttendanceState.PRESENT.name();
                a.reason = null;
                a.source = MarkSource.SELF.name();
                a.markedMs = now;
                a.markedBy = caller.subject();
                em.flush();
                c.log(em).audit("attendance.check-in", "meeting", m.id, m.unitId, "member " + self.id() + (byCode ? " by code" : " by QR"));
                changedAfterHeld(c, em, m, Store.roll(m.id, rolls.rows(em, m.id).stream().map(AttendanceEntity::toDto).toList()));
            }
            return a.toDto();
        });
    }

    private static void locked(MeetingEntity m) {
        if (MinutesState.APPROVED.name().equals(m.minutesState)) {
            throw new SotayException(Problems.MINUTES_LOCKED, Text.of("Biên bản đã thông qua: điểm danh đã khóa; hãy lập bản đính chính.",
                    "The minutes are approved: attendance is locked; start a correction."));
        }
    }

    @Override
    public Roll mark(String meetingId, List<Mark> marks) {
        List<Mark> list = marks == null ? List.of() : marks;
        Validation v = new Validation();
        v.check(!list.isEmpty(), "marks", "required", Text.of("Chưa có ai được điểm danh.", "No member was marked."));
        v.check(list.size() <= 500, "marks", "too-many", Text.of("Tối đa 500 người mỗi lần.", "At most 500 at once."));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size() && i < 500; i++) {
            Mark mk = list.get(i);
            String f = "marks[" + i + "]";
            if (mk == null) {
                v.required(f, null);
                continue;
            }
            v.required(f + ".memberId", mk.memberId()).maxLength(f + ".memberId", mk.memberId(), 36).required(f + ".state", mk.state());
            String reason = Validation.clean(mk.reason());
            v.text(f + ".reason", reason, Mark.REASON_MAX);
            v.check(mk.state() != AttendanceState.ABSENT_EXCUSED || (reason != null && !reason.isEmpty()), f + ".reason", "required",
                    Text.of("Vắng có lý do thì ghi lý do.", "An excused absence needs its reason."));
            v.check(mk.memberId() == null || seen.add(mk.memberId()), f + ".memberId", "duplicate",
                    Text.of("Đảng viên này được điểm danh hai lần.", "This member is marked twice."));
        }
        v.throwIfInvalid();
        Caller caller = c.callers().current();
        Scope manage = Scope.of(caller, MeetingsPermissions.MANAGE, c.tree());
        return c.jpa().txExpr(TransactionType.Required, em -> {
            MeetingEntity m = Store.locked(em, manage, meetingId);
            if (MeetingStatus.CANCELLED.name().equals(m.status)) {
                throw Problems.state("Cuộc họp đã hủy.", "The meeting is cancelled.");
            }
            locked(m);
            long now = c.now();
            boolean present = list.stream().anyMatch(mk -> mk.state() == AttendanceState.PRESENT);
            if (present && now < opens(m)) {
                throw new SotayException(Problems.NOT_STARTED, Text.of("Chưa đến giờ họp: chỉ ghi được vắng có lý do.",
                        "The meeting has not started: only excused absences can be recorded now."));
            }
            Map<String, AttendanceEntity> rows = new HashMap<>();
            rolls.snapshot(em, m).forEach(a -> rows.put(a.memberId, a));
            Validation unknown = new Validation();
            for (int i = 0; i < list.size(); i++) {
                Mark mk = list.get(i);
                String id = mk.memberId().strip();
                AttendanceEntity a = rows.get(id);
                if (a == null) {
                    RosterMember r = c.roster().member(m.unitId, id, m.localDate);
                    if (r == null) {
                        unknown.add("marks[" + i + "].memberId", "not-in-cell", Text.of("Không phải đảng viên của chi bộ.", "Not a member of the cell."));
                        continue;
                    }
                    a = Rolls.row(m.id, r);
                    em.persist(a);
                    rows.put(id, a);
                }
                apply(a, mk.state(), Validation.clean(mk.reason()), MarkSource.SECRETARY, now, caller.subject());
            }
            unknown.throwIfInvalid();
            em.flush();
            c.log(em).audit("attendance.mark", "meeting", m.id, m.unitId, list.size() + " marked by the secretary");
            Roll r = Store.roll(m.id, rolls.rows(em, m.id).stream().map(AttendanceEntity::toDto).toList());
            changedAfterHeld(c, em, m, r);
            return r;
        });
    }

    static void apply(AttendanceEntity a, AttendanceState state, String reason, MarkSource source, long at, String by) {
        a.state = state.name();
        a.reason = state == AttendanceState.PRESENT || state == AttendanceState.UNMARKED || reason == null || reason.isEmpty() ? null : reason;
        a.source = state == AttendanceState.UNMARKED ? null : source.name();
        a.markedMs = state == AttendanceState.UNMARKED ? null : at;
        a.markedBy = state == AttendanceState.UNMARKED ? null : by;
    }

    @Override
    public Roll recordHeld(String meetingId) {
        Scope manage = Scope.of(c.callers().current(), MeetingsPermissions.MANAGE, c.tree());
        return c.jpa().txExpr(TransactionType.Required, em -> {
            MeetingEntity m = Store.locked(em, manage, meetingId);
            if (MeetingStatus.CANCELLED.name().equals(m.status)) {
                throw Problems.state("Cuộc họp đã hủy.", "The meeting is cancelled.");
            }
            if (c.now() < m.startMs) {
                throw new SotayException(Problems.NOT_STARTED, Text.of("Cuộc họp chưa bắt đầu.", "The meeting has not started."));
            }
            rolls.snapshot(em, m);
            Roll r = Store.roll(m.id, rolls.rows(em, m.id).stream().map(AttendanceEntity::toDto).toList());
            held(c, em, m, r);
            return r;
        });
    }

    /**
     * A roll that changed after the meeting was held: the meeting is touched (its version grows) and
     * ATTENDANCE_UPDATED carries the roll as it is now, so those who count it (reporting) read it again.
     */
    static void changedAfterHeld(Context c, EntityManager em, MeetingEntity m, Roll r) {
        if (m.heldMs == null) {
            return;
        }
        m.updatedMs = c.now();
        em.flush();
        c.log(em).event(MeetingEvents.ATTENDANCE_UPDATED, Store.factsWithRoll(c, em, m, r));
    }

    /** Marks the meeting held and publishes HELD, once. */
    static void held(Context c, EntityManager em, MeetingEntity m, Roll r) {
        if (m.heldMs != null) {
            return;
        }
        m.heldMs = c.now();
        m.status = MeetingStatus.HELD.name();
        m.updatedMs = m.heldMs;
        em.flush();
        Journal.Entries log = c.log(em);
        log.event(MeetingEvents.HELD, Store.factsWithRoll(c, em, m, r));
        log.audit("meeting.held", "meeting", m.id, m.unitId, r.present().total() + " of " + r.members().total() + " present");
    }
}
