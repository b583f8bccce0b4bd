package org.sotay.meetings.impl.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.blobs.BlobInfo;
import org.sotay.core.api.blobs.BlobStore;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.api.security.Scope;
import org.sotay.meetings.api.AttendanceState;
import org.sotay.meetings.api.Decision;
import org.sotay.meetings.api.DecisionDraft;
import org.sotay.meetings.api.MeetingEvents;
import org.sotay.meetings.api.MeetingStatus;
import org.sotay.meetings.api.MeetingsPermissions;
import org.sotay.meetings.api.Minutes;
import org.sotay.meetings.api.MinutesDraft;
import org.sotay.meetings.api.MinutesItem;
import org.sotay.meetings.api.MinutesItemDraft;
import org.sotay.meetings.api.MinutesService;
import org.sotay.meetings.api.MinutesState;
import org.sotay.meetings.api.MinutesStatus;
import org.sotay.meetings.api.PaperMinutes;
import org.sotay.meetings.api.Roll;
import org.sotay.meetings.api.Standing;
import org.sotay.meetings.api.Tally;
import org.sotay.meetings.api.Vote;
import org.sotay.meetings.api.VoteDraft;

/**
 * Minutes: structured, with votes whose eligibility and outcome are computed (probationary members
 * attend but do not vote; the denominator rule comes from the configuration), approved and locked,
 * corrected by a new version; or the signed paper minutes as a photo or PDF in the blob store.
 */
@Component(service = MinutesService.class)
public class MinutesServiceImpl implements MinutesService {
    static final String MEDIA_PDF = "application/pdf";
    private final Context c;
    private final Rolls rolls;

    @Activate
    public MinutesServiceImpl(@Reference MeetingsSchema schema, @Reference(target = "(osgi.unit.name=sotay-meetings)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Journal journal, @Reference java.time.Clock clock, @Reference OrgTree tree,
            @Reference MeetingsSettings settings, @Reference Roster roster, @Reference Documents documents, @Reference BlobStore blobs) {
        this(new Context(jpa, callers, journal, clock, tree, settings, roster, documents, blobs));
    }

    MinutesServiceImpl(Context c) {
        this.c = c;
        this.rolls = new Rolls(c);
    }

    /** The stored content of a version. */
    record Content(List<MinutesItem> items, String notes) {
    }

    private Scope scope(String permission) {
        return Scope.of(c.callers().current(), permission, c.tree());
    }

    static Minutes toDto(MinutesEntity e) {
        Content content = Agenda.read(e.content, Content.class);
        return new Minutes(e.meetingId, e.number, MinutesStatus.valueOf(e.status), content.items() == null ? List.of() : content.items(),
                content.notes(), e.correctionReason, Instant.ofEpochMilli(e.savedMs), e.savedBy,
                e.approvedMs == null ? null : Instant.ofEpochMilli(e.approvedMs), e.approvedBy, e.version);
    }

    static List<MinutesEntity> all(EntityManager em, String meetingId) {
        return em.createQuery("SELECT n FROM MinutesEntity n WHERE n.meetingId = :m ORDER BY n.number", MinutesEntity.class)
                .setParameter("m", meetingId).getResultList();
    }

    static MinutesEntity latest(EntityManager em, String meetingId) {
        List<MinutesEntity> all = all(em, meetingId);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    private static SotayException none() {
        return SotayException.notFound(Text.of("Cuộc họp chưa có biên bản.", "The meeting has no minutes yet."));
    }

    @Override
    public Minutes current(String meetingId) {
        Scope read = scope(MeetingsPermissions.READ);
        return c.jpa().txExpr(TransactionType.Required, em -> {
            MeetingEntity m = Store.meeting(em, read, meetingId);
            MinutesEntity e = latest(em, m.id);
            if (e == null) {
                throw none();
            }
            return toDto(e);
        });
    }

    @Override
    public List<Minutes> versions(String meetingId) {
        Scope read = scope(MeetingsPermissions.READ);
        return c.jpa().txExpr(TransactionType.Required, em -> all(em, Store.meeting(em, read, meetingId).id).stream()
                .map(MinutesServiceImpl::toDto).toList());
    }

    @Override
    public Minutes version(String meetingId, int number) {
        Scope read = scope(MeetingsPermissions.READ);
        return c.jpa().txExpr(TransactionType.Required, em -> all(em, Store.meeting(em, read, meetingId).id).stream()
                .filter(e -> e.number == number).findFirst().map(MinutesServiceImpl::toDto).orElseThrow(() -> SotayException.notFound(
                        Text.of("Không có phiên bản biên bản này.", "There is no such version of the minutes."))));
    }

    /** Every field of a draft at once, before anything is read. */
    static void validate(MinutesDraft d, String prefix) {
        Validation v = new Validation();
        List<MinutesItemDraft> items = d.items() == null ? List.of() : d.items();
        v.check(items.size() <= MinutesDraft.ITEMS_MAX, prefix + "items", "too-many", Text.of("Tối đa 50 nội dung.", "At most 50 items."));
        v.multiline(prefix + "notes", Validation.clean(d.notes()), MinutesDraft.NOTES_MAX);
        for (int i = 0; i < items.size() && i < MinutesDraft.ITEMS_MAX; i++) {
            MinutesItemDraft it = items.get(i);
            String f = prefix + "items[" + i + "]";
            if (it == null) {
                v.required(f, null);
                continue;
            }
            String title = Validation.clean(it.title());
            v.required(f + ".title", title).text(f + ".title", title, 500).maxLength(f + ".agendaItemId", it.agendaItemId(), 36);
            v.multiline(f + ".conclusions", Validation.clean(it.conclusions()), MinutesItemDraft.CONCLUSIONS_MAX);
            List<String> speakers = it.speakers() == null ? List.of() : it.speakers();
            v.check(speakers.size() <= 100, f + ".speakers", "too-many", Text.of("Tối đa 100 người phát biểu.", "At most 100 speakers."));
            for (int s = 0; s < speakers.size() && s < 100; s++) {
                String name = Validation.clean(speakers.get(s));
                v.required(f + ".speakers[" + s + "]", name).text(f + ".speakers[" + s + "]", name, MinutesItemDraft.SPEAKER_MAX);
            }
            List<DecisionDraft> decisions = it.decisions() == null ? List.of() : it.decisions();
            v.check(decisions.size() <= 20, f + ".decisions", "too-many", Text.of("Tối đa 20 nghị quyết mỗi nội dung.", "At most 20 decisions per item."));
            for (int k = 0; k < decisions.size() && k < 20; k++) {
                DecisionDraft dd = decisions.get(k);
                String g = f + ".decisions[" + k + "]";
                if (dd == null) {
                    v.required(g, null);
                    continue;
                }
                String text = Validation.clean(dd.text());
                v.required(g + ".text", text).multiline(g + ".text", text, DecisionDraft.TEXT_MAX).maxLength(g + ".id", dd.id(), 36);
                v.check(dd.votes() == null || dd.tally() == null, g + ".tally", "not-allowed",
                        Text.of("Ghi từng phiếu hoặc tổng số phiếu, không cả hai.", "Named votes or a tally, not both."));
                v.check(dd.votes() == null || dd.votes().size() <= 500, g + ".votes", "too-many", Text.of("Quá nhiều phiếu.", "Too many votes."));
                if (dd.tally() != null) {
                    Tally t = dd.tally();
                    v.check(t.votesFor() >= 0 && t.against() >= 0 && t.abstain() >= 0, g + ".tally", "out-of-range",
                            Text.of("Số phiếu không âm.", "Counts are not negative."));
                }
                if (dd.votes() != null) {
                    for (int j = 0; j < dd.votes().size() && j < 500; j++) {
                        VoteDraft vd = dd.votes().get(j);
                        String h = g + ".votes[" + j + "]";
                        if (vd == null) {
                            v.required(h, null);
                            continue;
                        }
                        v.required(h + ".memberId", vd.memberId()).maxLength(h + ".memberId", vd.memberId(), 36).required(h + ".choice", vd.choice());
                    }
                }
            }
        }
        v.throwIfInvalid();
    }

    /** Who may vote and the denominator, from the roll and the configuration. */
    private record Electorate(Map<String, AttendanceEntity> rows, Set<String> voters, int denominator) {
    }

    private Electorate electorate(List<AttendanceEntity> rows) {
        Map<String, AttendanceEntity> byId = new HashMap<>();
        Set<String> voters = new HashSet<>();
        int denominator = 0;
        MeetingsSettings s = c.settings();
        for (AttendanceEntity a : rows) {
            byId.put(a.memberId, a);
            if (!a.voting) {
                continue;
            }
            boolean present = AttendanceState.PRESENT.name().equals(a.state);
            if (present) {
                voters.add(a.memberId);
                denominator++;
            } else if (Standing.AWAY.name().equals(a.standing) && s.excludes("away")) {
                continue;
            } else if (Standing.EXEMPT.name().equals(a.standing) && s.excludes("exemptAbsent")) {
                continue;
            } else if (AttendanceState.ABSENT_EXCUSED.name().equals(a.state) && s.excludes("excusedAbsent")) {
                continue;
            } else {
                denominator++;
            }
        }
        return new Electorate(byId, voters, denominator);
    }

    /** The items with every decision's outcome computed; a vote that may not be cast is a field error. */
    private List<MinutesItem> compute(MinutesDraft d, Electorate el, String prefix) {
        Validation v = new Validation();
        List<MinutesItem> out = new ArrayList<>();
        List<MinutesItemDraft> items = d.items() == null ? List.of() : d.items();
        for (int i = 0; i < items.size(); i++) {
            MinutesItemDraft it = items.get(i);
            List<Decision> decisions = new ArrayList<>();
            List<DecisionDraft> drafts = it.decisions() == null ? List.of() : it.decisions();
            for (int k = 0; k < drafts.size(); k++) {
                DecisionDraft dd = drafts.get(k);
                String g = prefix + "items[" + i + "].decisions[" + k + "]";
                List<Vote> votes = new ArrayList<>();
                int yes = 0;
                int no = 0;
                int abstain = 0;
                boolean voted = false;
                if (dd.votes() != null) {
                    Set<String> seen = new HashSet<>();
                    for (int j = 0; j < dd.votes().size(); j++) {
                        VoteDraft vd = dd.votes().get(j);
                        String id = vd.memberId().strip();
                        String h = g + ".votes[" + j + "].memberId";
                        AttendanceEntity a = el.rows().get(id);
                        if (a == null) {
                            v.add(h, "not-in-cell", Text.of("Không có trong danh sách của cuộc họp.", "Not on the meeting's roll."));
                        } else if (!a.voting) {
                            v.add(h, "not-eligible", Text.of("Đảng viên dự bị (hoặc không có quyền biểu quyết ở chi bộ này) không biểu quyết: phiếu bị từ chối.",
                                    "A probationary member (or one without a vote in this cell) does not vote: the vote is refused."));
                        } else if (!el.voters().contains(id)) {
                            v.add(h, "not-present", Text.of("Đảng viên không có mặt thì không biểu quyết.", "A member who is not present does not vote."));
                        } else if (!seen.add(id)) {
                            v.add(h, "duplicate", Text.of("Một người một phiếu.", "One vote per member."));
                        } else {
                            votes.add(new Vote(id, a.fullName, vd.choice()));
                            switch (vd.choice()) {
                            case FOR -> yes++;
                            case AGAINST -> no++;
                            default -> abstain++;
                            }
                        }
                    }
                    voted = true;
                } else if (dd.tally() != null) {
                    yes = dd.tally().votesFor();
                    no = dd.tally().against();
                    abstain = dd.tally().abstain();
                    v.check((long) yes + no + abstain <= el.voters().size(), g + ".tally", "more-than-voters", Text.of(
                            "Tổng số phiếu (" + (yes + no + abstain) + ") nhiều hơn số đảng viên chính thức có mặt (" + el.voters().size() + ").",
                            "More votes (" + (yes + no + abstain) + ") than official members present (" + el.voters().size() + ")."));
                    voted = true;
                }
                decisions.add(new Decision(dd.id() != null && !dd.id().isBlank() ? dd.id().strip() : UUID.randomUUID().toString(), Validation.clean(dd.text()),
                        new Tally(yes, no, abstain), votes, el.denominator(), el.voters().size(), voted, voted && yes * 2L > el.denominator()));
            }
            out.add(new MinutesItem(it.agendaItemId() == null ? null : it.agendaItemId().strip(), Validation.clean(it.title()),
                    it.speakers() == null ? List.of() : it.speakers().stream().map(Validation::clean).toList(), Validation.clean(it.conclusions()),
                    decisions));
        }
        v.throwIfInvalid();
        return out;
    }

    @Override
    public Minutes save(String meetingId, MinutesDraft draft) {
        MinutesDraft d = draft == null ? new MinutesDraft(null, null, null) : draft;
        validate(d, "");
        Caller caller = c.callers().current();
        Scope manage = scope(MeetingsPermissions.MANAGE);
        return c.jpa().txExpr(TransactionType.Required, em -> saveIn(em, Store.locked(em, manage, meetingId), d, caller, ""));
    }

    /** Saves the draft in the caller's transaction (also for an offline batch). */
    Minutes saveIn(EntityManager em, MeetingEntity m, MinutesDraft d, Caller caller, String prefix) {
        if (MeetingStatus.CANCELLED.name().equals(m.status)) {
            throw Problems.state("Cuộc họp đã hủy.", "The meeting is cancelled.");
        }
        if (c.now() < m.startMs) {
            throw new SotayException(Problems.NOT_STARTED, Text.of("Chưa thể lập biên bản trước giờ họp.", "No minutes before the meeting starts."));
        }
        MinutesEntity latest = latest(em, m.id);
        if (latest != null && MinutesStatus.APPROVED.name().equals(latest.status)) {
            throw new SotayException(Problems.MINUTES_LOCKED, Text.of("Biên bản đã thông qua và khóa; muốn sửa thì lập bản đính chính.",
                    "The minutes are approved and locked; start a correction to change them."));
        }
        if (latest == null ? d.version() != null : d.version() == null || d.version() != latest.version) {
            throw SotayException.staleVersion();
        }
        Electorate el = electorate(rolls.snapshot(em, m));
        List<MinutesItem> items = compute(d, el, prefix);
        String json = Agenda.write(new Content(items, Validation.clean(d.notes())));
        if (json.length() > 32000) {
            throw SotayException.invalid(List.of(new FieldError(prefix + "items", "too-long",
                    Text.of("Biên bản quá dài (tối đa khoảng 32.000 ký tự); hãy rút gọn.", "The minutes are too long (about 32,000 characters at most)."))));
        }
        long now = c.now();
        MinutesEntity e = latest;
        if (e == null) {
            e = new MinutesEntity();
            e.id = UUID.randomUUID().toString();
            e.meetingId = m.id;
            e.number = 1;
            e.status = MinutesStatus.DRAFT.name();
            em.persist(e);
        }
        e.content = json;
        e.savedMs = now;
        e.savedBy = caller.subject();
        if (MinutesState.NONE.name().equals(m.minutesState)) {
            m.minutesState = MinutesState.DRAFT.name();
            m.updatedMs = now;
        }
        em.flush();
        c.log(em).audit("minutes.save", "meeting", m.id, m.unitId, "version " + e.number + ", " + items.size() + " items");
        return toDto(e);
    }

    @Override
    public Minutes approve(String meetingId, long version) {
        Caller caller = c.callers().current();
        Scope manage = scope(MeetingsPermissions.MANAGE);
        return c.jpa().txExpr(TransactionType.Required, em -> {
            MeetingEntity m = Store.locked(em, manage, meetingId);
            List<MinutesEntity> all = all(em, m.id);
            MinutesEntity draft = all.isEmpty() ? null : all.get(all.size() - 1);
            if (draft == null) {
                throw none();
            }
            if (!MinutesStatus.DRAFT.name().equals(draft.status)) {
                throw new SotayException(Problems.MINUTES_LOCKED, Text.of("Biên bản này đã được thông qua.", "These minutes are approved already."));
            }
            if (draft.version != version) {
                throw SotayException.staleVersion();
            }
            long now = c.now();
            for (MinutesEntity e : all) {
                if (MinutesStatus.APPROVED.name().equals(e.status)) {
                    e.status = MinutesStatus.SUPERSEDED.name();
                }
            }
            draft.status = MinutesStatus.APPROVED.name();
            draft.approvedMs = now;
            draft.approvedBy = caller.subject();
            m.minutesState = MinutesState.APPROVED.name();
            m.updatedMs = now;
            em.flush();
            rolls.snapshot(em, m);
            Roll r = Store.roll(m.id, rolls.rows(em, m.id).stream().map(AttendanceEntity::toDto).toList());
            AttendanceServiceImpl.held(c, em, m, r);
            Map<String, Object> facts = Store.factsWithRoll(c, em, m, r);
            facts.put(MeetingEvents.MINUTES_VERSION, draft.number);
            Journal.Entries log = c.log(em);
            log.event(MeetingEvents.MINUTES_APPROVED, facts);
            log.audit("minutes.approve", "meeting", m.id, m.unitId, "version " + draft.number);
            return toDto(draft);
        });
    }

    @Override
    public Minutes correct(String meetingId, String reason) {
        String why = Validation.clean(reason);
        new Validation().required("reason", why).text("reason", why, 500).throwIfInvalid();
        Caller caller = c.callers().current();
        Scope manage = scope(MeetingsPermissions.MANAGE);
        return c.jpa().txExpr(TransactionType.Required, em -> {
            MeetingEntity m = Store.locked(em, manage, meetingId);
            MinutesEntity latest = latest(em, m.id);
            if (latest == null || !MinutesStatus.APPROVED.name().equals(latest.status)) {
                throw Problems.state("Chỉ đính chính được biên bản đã thông qua (đang có bản nháp thì sửa bản nháp).",
                        "Only approved minutes are corrected (while a draft exists, edit the draft).");
            }
            MinutesEntity e = new MinutesEntity();
            e.id = UUID.randomUUID().toString();
            e.meetingId = m.id;
            e.number = latest.number + 1;
            e.status = MinutesStatus.DRAFT.name();
            e.content = latest.content;
            e.correctionReason = why;
            e.savedMs = c.now();
            e.savedBy = caller.subject();
            em.persist(e);
            em.flush();
            c.log(em).audit("minutes.correct", "meeting", m.id, m.unitId, "version " + e.number + ": " + why);
            return toDto(e);
        });
    }

    // ---- paper minutes ----

    @Override
    public PaperMinutes uploadPaper(String meetingId, String mediaType, InputStream content) {
        Caller caller = c.callers().current();
        Scope manage = scope(MeetingsPermissions.MANAGE);
        // the meeting first: nothing is stored for a meeting the caller may not change
        String[] oldBlob = new String[1];
        c.jpa().tx(TransactionType.Required, em -> {
            MeetingEntity m = Store.meeting(em, manage, meetingId);
            paperAllowed(m);
            oldBlob[0] = m.paperBlobId;
        });
        if (content == null) {
            throw Problems.field("body", "required", "Chưa có tệp.", "No file was sent.");
        }
        BufferedInputStream in = new BufferedInputStream(content);
        String sniffed;
        try {
            in.mark(16);
            byte[] head = in.readNBytes(8);
            in.reset();
            sniffed = sniff(head);
        } catch (IOException e) {
            throw Problems.field("body", "unreadable", "Tệp gửi lên bị ngắt giữa chừng.", "The upload broke off.");
        }
        if (sniffed == null) {
            throw new SotayException(Problems.NOT_A_DOCUMENT, Text.of("Gửi ảnh chụp (JPEG, PNG) hoặc tệp PDF của biên bản giấy đã ký.",
                    "Send a photo (JPEG, PNG) or a PDF of the signed paper minutes."));
        }
        BlobInfo blob = c.blobs().put(MeetingsSchema.MODULE, sniffed, in, c.settings().config().maxPaperBytes(), null);
        try {
            PaperMinutes out = c.jpa().txExpr(TransactionType.Required, em -> {
                MeetingEntity m = Store.locked(em, manage, meetingId);
                paperAllowed(m);
                long now = c.now();
                m.paperBlobId = blob.id();
                m.paperType = sniffed;
                m.paperSize = blob.size();
                m.paperSha = blob.sha256();
                m.paperMs = now;
                m.paperBy = caller.subject();
                if (!MinutesState.APPROVED.name().equals(m.minutesState)) {
                    m.minutesState = MinutesState.PAPER.name();
                }
                m.updatedMs = now;
                em.flush();
                Roll r = Store.roll(m.id, rolls.entries(em, m));
                AttendanceServiceImpl.held(c, em, m, r);
                Journal.Entries log = c.log(em);
                log.event(MeetingEvents.RECORDED_ON_PAPER, Store.factsWithRoll(c, em, m, r));
                log.audit("minutes.paper", "meeting", m.id, m.unitId, sniffed + ", " + blob.size() + " bytes, sha256 " + blob.sha256());
                return paperDto(m);
            });
            if (oldBlob[0] != null && !oldBlob[0].equals(blob.id())) {
                c.blobs().delete(oldBlob[0]);
            }
            return out;
        } catch (RuntimeException e) {
            c.blobs().delete(blob.id());
            throw e;
        }
    }

    private void paperAllowed(MeetingEntity m) {
        if (MeetingStatus.CANCELLED.name().equals(m.status)) {
            throw Problems.state("Cuộc họp đã hủy.", "The meeting is cancelled.");
        }
        if (c.now() < m.startMs) {
            throw new SotayException(Problems.NOT_STARTED, Text.of("Chưa thể có biên bản trước giờ họp.", "No minutes before the meeting starts."));
        }
    }

    /** The media type the first bytes say, or {@code null}. */
    static String sniff(byte[] h) {
        if (h.length >= 5 && h[0] == '%' && h[1] == 'P' && h[2] == 'D' && h[3] == 'F' && h[4] == '-') {
            return MEDIA_PDF;
        }
        if (h.length >= 3 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xFF) == 0xD8 && (h[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (h.length >= 8 && (h[0] & 0xFF) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G' && h[4] == 0x0D && h[5] == 0x0A) {
            return "image/png";
        }
        return null;
    }

    private static PaperMinutes paperDto(MeetingEntity m) {
        return new PaperMinutes(m.id, m.paperType, m.paperSize, m.paperSha, Instant.ofEpochMilli(m.paperMs), m.paperBy);
    }

    @Override
    public PaperMinutes paper(String meetingId) {
        Scope read = scope(MeetingsPermissions.READ);
        return c.jpa().txExpr(TransactionType.Required, em -> {
            MeetingEntity m = Store.meeting(em, read, meetingId);
            if (m.paperBlobId == null) {
                throw SotayException.notFound(Text.of("Cuộc họp không có biên bản giấy.", "The meeting has no paper minutes."));
            }
            return paperDto(m);
        });
    }

    @Override
    public InputStream openPaper(String meetingId) {
        Scope read = scope(MeetingsPermissions.READ);
        String blob = c.jpa().txExpr(TransactionType.Required, em -> Store.meeting(em, read, meetingId).paperBlobId);
        if (blob == null) {
            throw SotayException.notFound(Text.of("Cuộc họp không có biên bản giấy.", "The meeting has no paper minutes."));
        }
        return c.blobs().open(blob, 0, -1);
    }
}
