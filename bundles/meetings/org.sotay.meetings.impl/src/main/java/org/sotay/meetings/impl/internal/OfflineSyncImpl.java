package org.sotay.meetings.impl.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;

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
import org.sotay.meetings.api.AttendanceState;
import org.sotay.meetings.api.Batch;
import org.sotay.meetings.api.BatchMark;
import org.sotay.meetings.api.BatchOutcome;
import org.sotay.meetings.api.BatchOutcome.Outcome;
import org.sotay.meetings.api.BatchResult;
import org.sotay.meetings.api.MarkSource;
import org.sotay.meetings.api.MeetingStatus;
import org.sotay.meetings.api.MeetingsPermissions;
import org.sotay.meetings.api.Minutes;
import org.sotay.meetings.api.MinutesState;
import org.sotay.meetings.api.OfflineSync;
import org.sotay.meetings.api.RollEntry;

/**
 * Offline batches: attendance marks and the minutes draft a secretary's device recorded without signal.
 * The whole batch is one transaction on the meeting's locked row; each entry and the batch itself are
 * remembered with the answer they got, so the same batch sent twice changes nothing and is answered the
 * same. A mark older than what the server has (a later mark, online or from another device) does not
 * overwrite it: the answer says what was kept and why.
 */
@Component(service = OfflineSync.class)
public class OfflineSyncImpl implements OfflineSync {
    /** A device clock this far ahead of the server's is not believed. */
    static final long CLOCK_SKEW_MS = 5 * 60_000L;
    private final Context c;
    private final Rolls rolls;
    private final MinutesServiceImpl minutes;

    @Activate
    public OfflineSyncImpl(@Reference MeetingsSchema schema, @Reference(target = "(osgi.unit.name=sotay-meetings)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Journal journal, @Reference java.time.Clock clock, @Reference OrgTree tree,
            @Reference MeetingsSettings settings, @Reference Roster roster, @Reference Documents documents, @Reference BlobStore blobs) {
        this(new Context(jpa, callers, journal, clock, tree, settings, roster, documents, blobs));
    }

    OfflineSyncImpl(Context c) {
        this.c = c;
        this.rolls = new Rolls(c);
        this.minutes = new MinutesServiceImpl(c);
    }

    /** What is stored per batch and entry. */
    record Stored(BatchResult result, BatchOutcome outcome) {
    }

    @Override
    public BatchResult apply(String meetingId, Batch batch) {
        Batch b = batch == null ? new Batch(null, null, null, null) : batch;
        List<BatchMark> marks = b.attendance() == null ? List.of() : b.attendance();
        Validation v = new Validation();
        v.required("batchId", Validation.clean(b.batchId())).text("batchId", b.batchId(), 90);
        v.check(marks.size() <= 500, "attendance", "too-many", Text.of("Tối đa 500 điểm danh mỗi lần gửi.", "At most 500 marks per batch."));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < marks.size() && i < 500; i++) {
            BatchMark mk = marks.get(i);
            String f = "attendance[" + i + "]";
            if (mk == null) {
                v.required(f, null);
                continue;
            }
            v.required(f + ".clientId", Validation.clean(mk.clientId())).text(f + ".clientId", mk.clientId(), 90);
            v.check(mk.clientId() == null || ids.add(mk.clientId().strip()), f + ".clientId", "duplicate",
                    Text.of("Mã này đã có trong lần gửi.", "This id is in the batch twice."));
            v.required(f + ".memberId", mk.memberId()).maxLength(f + ".memberId", mk.memberId(), 36).required(f + ".state", mk.state())
                    .required(f + ".at", mk.at()).text(f + ".reason", Validation.clean(mk.reason()), 500);
        }
        if (b.minutes() != null) {
            v.required("minutesClientId", Validation.clean(b.minutesClientId())).text("minutesClientId", b.minutesClientId(), 90);
            v.check(b.minutesClientId() == null || !ids.contains(b.minutesClientId().strip()), "minutesClientId", "duplicate",
                    Text.of("Mã này đã có trong lần gửi.", "This id is in the batch twice."));
        }
        v.throwIfInvalid();
        if (b.minutes() != null) {
            MinutesServiceImpl.validate(b.minutes(), "minutes.");
        }
        Caller caller = c.callers().current();
        Scope manage = Scope.of(caller, MeetingsPermissions.MANAGE, c.tree());
        try {
            return c.jpa().txExpr(TransactionType.Required, em -> applyIn(em, Store.locked(em, manage, meetingId), b, marks, caller));
        } catch (PersistenceException race) {
            // the same batch committed by a parallel request in between: its answer is the answer
            BatchResult stored = c.jpa().txExpr(TransactionType.Required, em -> stored(em, Store.meeting(em, manage, meetingId).id, batchKey(b)));
            if (stored == null) {
                throw race;
            }
            return new BatchResult(stored.batchId(), true, stored.outcomes(), stored.minutes());
        }
    }

    private static String batchKey(Batch b) {
        return "batch:" + b.batchId().strip();
    }

    private static BatchResult stored(EntityManager em, String meetingId, String key) {
        BatchEntity e = em.find(BatchEntity.class, new BatchEntity.Key(meetingId, key));
        return e == null ? null : Agenda.read(e.result, Stored.class).result();
    }

    private BatchResult applyIn(EntityManager em, MeetingEntity m, Batch b, List<BatchMark> marks, Caller caller) {
        BatchResult before = stored(em, m.id, batchKey(b));
        if (before != null) {
            return new BatchResult(before.batchId(), true, before.outcomes(), before.minutes());
        }
        long now = c.now();
        List<BatchOutcome> outcomes = new ArrayList<>();
        boolean cancelled = MeetingStatus.CANCELLED.name().equals(m.status);
        boolean locked = MinutesState.APPROVED.name().equals(m.minutesState);
        Map<String, AttendanceEntity> rows = new HashMap<>();
        if (!marks.isEmpty() && !cancelled && !locked) {
            rolls.snapshot(em, m).forEach(a -> rows.put(a.memberId, a));
        }
        int applied = 0;
        for (BatchMark mk : marks) {
            String key = "mark:" + mk.clientId().strip();
            BatchEntity seen = em.find(BatchEntity.class, new BatchEntity.Key(m.id, key));
            BatchOutcome o;
            if (seen != null) {
                BatchOutcome first = Agenda.read(seen.result, Stored.class).outcome();
                o = new BatchOutcome(first.clientId(), Outcome.UNCHANGED, "Đã nhận trước đây (" + first.outcome() + ").",
                        "Received before (" + first.outcome() + ").", first.kept());
                outcomes.add(o);
                continue;
            }
            o = mark(em, m, rows, mk, cancelled, locked, now, caller);
            if (o.outcome() == Outcome.APPLIED) {
                applied++;
            }
            remember(em, m.id, key, new Stored(null, o), now);
            outcomes.add(o);
        }
        Minutes saved = null;
        if (b.minutes() != null) {
            String key = "minutes:" + b.minutesClientId().strip();
            BatchEntity seen = em.find(BatchEntity.class, new BatchEntity.Key(m.id, key));
            BatchOutcome o;
            if (seen != null) {
                BatchOutcome first = Agenda.read(seen.result, Stored.class).outcome();
                o = new BatchOutcome(first.clientId(), Outcome.UNCHANGED, "Đã nhận trước đây (" + first.outcome() + ").",
                        "Received before (" + first.outcome() + ").", null);
            } else {
                try {
                    em.flush();
                    saved = minutes.saveIn(em, m, b.minutes(), caller, "minutes.");
                    o = new BatchOutcome(b.minutesClientId().strip(), Outcome.APPLIED, null, null, null);
                } catch (SotayException e) {
                    if (e.type().slug().equals("validation")) {
                        throw e; // a vote that may not be cast: the whole batch is refused, naming the field
                    }
                    String vi = e.detail() == null ? e.type().title().vi() : e.detail().vi();
                    String en = e.detail() == null ? e.type().title().en() : e.detail().en();
                    boolean stale = e.type().slug().equals("stale-version");
                    o = new BatchOutcome(b.minutesClientId().strip(), stale || locked ? Outcome.KEPT_SERVER : Outcome.REFUSED,
                            stale ? "Biên bản đã được sửa trên máy chủ sau khi máy của đồng chí tải về: bản trên máy chủ được giữ; hãy tải lại rồi gộp."
                                    : vi,
                            stale ? "The draft was changed on the server after your device loaded it: the server's draft is kept; reload and merge."
                                    : en,
                            null);
                }
                remember(em, m.id, key, new Stored(null, o), now);
            }
            outcomes.add(o);
        }
        BatchResult result = new BatchResult(b.batchId().strip(), false, outcomes, saved);
        remember(em, m.id, batchKey(b), new Stored(result, null), now);
        em.flush();
        if (applied > 0) {
            AttendanceServiceImpl.changedAfterHeld(c, em, m, Store.roll(m.id, rolls.rows(em, m.id).stream().map(AttendanceEntity::toDto).toList()));
        }
        c.log(em).audit("attendance.batch", "meeting", m.id, m.unitId, "offline batch " + b.batchId().strip() + ": " + applied + " of "
                + marks.size() + " marks applied" + (b.minutes() == null ? "" : ", minutes draft"));
        return result;
    }

    private BatchOutcome mark(EntityManager em, MeetingEntity m, Map<String, AttendanceEntity> rows, BatchMark mk, boolean cancelled,
            boolean locked, long now, Caller caller) {
        String id = mk.clientId().strip();
        if (cancelled) {
            return new BatchOutcome(id, Outcome.REFUSED, "Cuộc họp đã hủy.", "The meeting is cancelled.", null);
        }
        if (locked) {
            return new BatchOutcome(id, Outcome.KEPT_SERVER, "Biên bản đã thông qua: điểm danh đã khóa.", "The minutes are approved: attendance is locked.",
                    null);
        }
        long at = mk.at().toEpochMilli();
        if (at > now + CLOCK_SKEW_MS) {
            return new BatchOutcome(id, Outcome.REFUSED, "Giờ trên máy đi trước giờ máy chủ: hãy chỉnh đồng hồ rồi gửi lại.",
                    "The device's clock is ahead of the server's: set it and send again.", null);
        }
        if (mk.state() == AttendanceState.ABSENT_EXCUSED && (mk.reason() == null || mk.reason().isBlank())) {
            return new BatchOutcome(id, Outcome.REFUSED, "Vắng có lý do thì ghi lý do.", "An excused absence needs its reason.", null);
        }
        AttendanceEntity a = rows.get(mk.memberId().strip());
        if (a == null) {
            RosterMember r = c.roster().member(m.unitId, mk.memberId().strip(), m.localDate);
            if (r == null) {
                return new BatchOutcome(id, Outcome.REFUSED, "Không phải đảng viên của chi bộ.", "Not a member of the cell.", null);
            }
            a = Rolls.row(m.id, r);
            em.persist(a);
            rows.put(a.memberId, a);
        }
        String reason = Validation.clean(mk.reason());
        if (a.markedMs != null && a.markedMs > at) {
            RollEntry kept = a.toDto();
            return new BatchOutcome(id, Outcome.KEPT_SERVER, "Đã có điểm danh mới hơn (" + kept.state() + " lúc " + Instant.ofEpochMilli(a.markedMs)
                    + "): giữ bản đó.", "A later mark (" + kept.state() + " at " + Instant.ofEpochMilli(a.markedMs) + ") is kept.", kept);
        }
        String stateBefore = a.state;
        String reasonBefore = a.reason;
        AttendanceServiceImpl.apply(a, mk.state(), reason, MarkSource.SECRETARY, at, caller.subject());
        if (stateBefore.equals(a.state) && java.util.Objects.equals(reasonBefore, a.reason)) {
            return new BatchOutcome(id, Outcome.UNCHANGED, null, null, a.toDto());
        }
        return new BatchOutcome(id, Outcome.APPLIED, null, null, a.toDto());
    }

    private static void remember(EntityManager em, String meetingId, String key, Stored stored, long now) {
        BatchEntity e = new BatchEntity();
        e.meetingId = meetingId;
        e.clientId = key;
        e.result = Agenda.write(stored);
        e.createdMs = now;
        if (e.result.length() > 30000) {
            // an answer too long to keep whole: the outcomes stay, the echoed minutes go (the client reloads them)
            BatchResult r = stored.result();
            e.result = Agenda.write(new Stored(r == null ? null : new BatchResult(r.batchId(), r.replay(), r.outcomes(), null), stored.outcome()));
        }
        em.persist(e);
    }
}
