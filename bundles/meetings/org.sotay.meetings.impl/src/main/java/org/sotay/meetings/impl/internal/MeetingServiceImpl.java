package org.sotay.meetings.impl.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

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
import org.sotay.core.api.blobs.BlobStore;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.api.security.Scope;
import org.sotay.handbook.api.documents.DocumentContent;
import org.sotay.meetings.api.AgendaItemDraft;
import org.sotay.meetings.api.CancelDraft;
import org.sotay.meetings.api.ConfirmDraft;
import org.sotay.meetings.api.Meeting;
import org.sotay.meetings.api.MeetingDraft;
import org.sotay.meetings.api.MeetingEvents;
import org.sotay.meetings.api.MeetingKind;
import org.sotay.meetings.api.MeetingPattern;
import org.sotay.meetings.api.MeetingQuery;
import org.sotay.meetings.api.MeetingService;
import org.sotay.meetings.api.MeetingStatus;
import org.sotay.meetings.api.MeetingUpdate;
import org.sotay.meetings.api.MeetingsPermissions;
import org.sotay.meetings.api.MinutesState;
import org.sotay.meetings.api.MoveDraft;
import org.sotay.meetings.api.Packet;
import org.sotay.meetings.api.PatternDraft;
import org.sotay.meetings.api.Proposal;
import org.sotay.meetings.api.Venue;
import org.sotay.meetings.api.VenueDraft;

/**
 * Scheduling over {@code MTG_*}: the pattern once, then one call a month. Every read is filtered by
 * the caller's scope in the query, every write is one transaction with its audit line and event, and
 * every date and time is the deployment's (Vietnam's), whatever the server's zone.
 */
@Component(service = MeetingService.class)
public class MeetingServiceImpl implements MeetingService {
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private final Context c;
    private final Rolls rolls;

    @Activate
    public MeetingServiceImpl(@Reference MeetingsSchema schema, @Reference(target = "(osgi.unit.name=sotay-meetings)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Journal journal, @Reference java.time.Clock clock, @Reference OrgTree tree,
            @Reference MeetingsSettings settings, @Reference Roster roster, @Reference Documents documents, @Reference BlobStore blobs) {
        this(new Context(jpa, callers, journal, clock, tree, settings, roster, documents, blobs));
    }

    MeetingServiceImpl(Context c) {
        this.c = c;
        this.rolls = new Rolls(c);
    }

    private Scope scope(String permission) {
        return Scope.of(c.callers().current(), permission, c.tree());
    }

    // ---- kinds and venues ----

    @Override
    public List<MeetingKind> kinds() {
        return c.jpa().txExpr(TransactionType.Required, em -> em.createQuery("SELECT k FROM KindEntity k ORDER BY k.sortOrder, k.code",
                KindEntity.class).getResultList().stream()
                .map(k -> new MeetingKind(k.code, k.nameVi, k.nameEn, c.settings().minimumMinutes(k.code, k.minMinutes), k.forCells)).toList());
    }

    @Override
    public List<Venue> venues(String unitId) {
        String path = Store.visibleUnit(c.tree(), scope(MeetingsPermissions.READ), unitId);
        return c.jpa().txExpr(TransactionType.Required, em -> em.createQuery("SELECT v FROM VenueEntity v WHERE v.unitPath = :p"
                + " ORDER BY v.active DESC, v.name, v.id", VenueEntity.class).setParameter("p", path).getResultList().stream()
                .map(VenueEntity::toDto).toList());
    }

    @Override
    public Venue addVenue(String unitId, VenueDraft draft) {
        VenueDraft d = venueDraft(draft, false);
        String path = Store.visibleUnit(c.tree(), scope(MeetingsPermissions.MANAGE), unitId);
        return c.jpa().txExpr(TransactionType.Required, em -> {
            VenueEntity v = new VenueEntity();
            v.id = UUID.randomUUID().toString();
            v.unitId = unitId.strip();
            v.unitPath = path;
            v.name = Validation.clean(d.name());
            v.address = Validation.clean(d.address());
            v.internet = Boolean.TRUE.equals(d.internet());
            v.active = d.active() == null || d.active();
            v.createdMs = c.now();
            em.persist(v);
            em.flush();
            c.log(em).audit("venue.add", "venue", v.id, v.unitId, "'" + v.name + "'" + (v.internet ? ", internet" : ", no internet"));
            return v.toDto();
        });
    }

    @Override
    public Venue updateVenue(String venueId, VenueDraft draft) {
        VenueDraft d = venueDraft(draft, true);
        Scope scope = scope(MeetingsPermissions.MANAGE);
        return c.jpa().txExpr(TransactionType.Required, em -> {
            VenueEntity v = venueIn(em, scope, venueId, null);
            if (v == null) {
                throw SotayException.notFound(Text.of("Không có địa điểm này.", "There is no such venue."));
            }
            if (v.version != d.version()) {
                throw SotayException.staleVersion();
            }
            String before = v.name;
            v.name = Validation.clean(d.name());
            v.address = Validation.clean(d.address());
            if (d.internet() != null) {
                v.internet = d.internet();
            }
            if (d.active() != null) {
                v.active = d.active();
            }
            em.flush();
            c.log(em).audit("venue.update", "venue", v.id, v.unitId, "'" + before + "' -> '" + v.name + "'");
            return v.toDto();
        });
    }

    private static VenueDraft venueDraft(VenueDraft draft, boolean editing) {
        VenueDraft d = draft == null ? new VenueDraft(null, null, null, null, null) : draft;
        Validation v = new Validation();
        String name = Validation.clean(d.name());
        v.required("name", name).text("name", name, VenueDraft.NAME_MAX).text("address", Validation.clean(d.address()), VenueDraft.ADDRESS_MAX);
        if (editing) {
            v.required("version", d.version());
        } else {
            v.check(d.version() == null, "version", "not-allowed", Text.of("Địa điểm mới chưa có phiên bản.", "A new venue has no version yet."));
        }
        v.throwIfInvalid();
        return d;
    }

    /** A venue in scope (of the unit {@code unitPath} when given), or {@code null}. */
    private static VenueEntity venueIn(EntityManager em, Scope scope, String venueId, String unitPath) {
        if (venueId == null || venueId.length() > 36) {
            return null;
        }
        List<VenueEntity> found = Store.bind(em.createQuery("SELECT v FROM VenueEntity v WHERE v.id = :id AND " + scope.jpql("v.unitPath"),
                VenueEntity.class), scope).setParameter("id", venueId.strip()).getResultList();
        if (found.isEmpty() || (unitPath != null && !found.get(0).unitPath.equals(unitPath))) {
            return null;
        }
        return found.get(0);
    }

    // ---- the pattern and the proposal ----

    @Override
    public MeetingPattern pattern(String unitId) {
        String path = Store.visibleUnit(c.tree(), scope(MeetingsPermissions.READ), unitId);
        return c.jpa().txExpr(TransactionType.Required, em -> {
            PatternEntity p = em.find(PatternEntity.class, unitId.strip());
            if (p == null || !p.unitPath.equals(path)) {
                throw SotayException.notFound(Text.of("Chi bộ chưa đặt lịch sinh hoạt định kỳ.", "The cell has no regular pattern yet."));
            }
            return toDto(p);
        });
    }

    private static MeetingPattern toDto(PatternEntity p) {
        DayOfWeek weekday = p.weekday == null ? null : DayOfWeek.valueOf(p.weekday);
        return new MeetingPattern(p.unitId, p.dayOfMonth, p.weekOfMonth, weekday, p.startTime, p.durationMin, p.kindCode, p.venueId, p.chairId,
                p.minuteTakerId, lines(p.agenda), Times.describe(p.dayOfMonth, p.weekOfMonth, weekday, p.startTime), p.version);
    }

    private static List<String> lines(String s) {
        return s == null || s.isBlank() ? List.of() : List.of(s.split("\n"));
    }

    @Override
    public MeetingPattern setPattern(String unitId, PatternDraft draft) {
        PatternDraft d = draft == null ? new PatternDraft(null, null, null, null, null, null, null, null, null, null, null) : draft;
        Scope scope = scope(MeetingsPermissions.MANAGE);
        String path = Store.visibleUnit(c.tree(), scope, unitId);
        String cell = unitId.strip();
        Validation v = new Validation();
        boolean byDay = d.dayOfMonth() != null;
        boolean byWeek = d.weekOfMonth() != null || d.weekday() != null;
        v.check(byDay != byWeek, "dayOfMonth", "one-rule", Text.of("Chọn một cách: ngày trong tháng, hoặc thứ trong tuần thứ mấy.",
                "Give either a day of the month, or a week of the month with a weekday."));
        v.check(d.dayOfMonth() == null || (d.dayOfMonth() >= 1 && d.dayOfMonth() <= 31), "dayOfMonth", "out-of-range",
                Text.of("Ngày từ 1 đến 31.", "A day from 1 to 31."));
        if (byWeek) {
            v.required("weekday", d.weekday()).required("weekOfMonth", d.weekOfMonth());
            v.check(d.weekOfMonth() == null || d.weekOfMonth() == -1 || (d.weekOfMonth() >= 1 && d.weekOfMonth() <= 4), "weekOfMonth",
                    "out-of-range", Text.of("Tuần thứ 1 đến 4, hoặc -1 là tuần cuối.", "Week 1 to 4, or -1 for the last."));
        }
        v.check(Times.time(d.time()) != null, "time", "not-a-time", Text.of("Giờ dạng HH:mm, ví dụ 19:30.", "A time as HH:mm, such as 19:30."));
        v.check(d.durationMinutes() == null || (d.durationMinutes() >= 15 && d.durationMinutes() <= 720), "durationMinutes", "out-of-range",
                Text.of("Thời lượng từ 15 đến 720 phút.", "A duration of 15 to 720 minutes."));
        List<String> agenda = d.agenda() == null ? List.of() : d.agenda().stream().map(Validation::clean).filter(s -> s != null && !s.isEmpty())
                .toList();
        v.check(agenda.size() <= MeetingDraft.AGENDA_MAX, "agenda", "too-many", Text.of("Tối đa 30 nội dung.", "At most 30 items."));
        for (int i = 0; i < agenda.size(); i++) {
            v.text("agenda[" + i + "]", agenda.get(i), AgendaItemDraft.TITLE_MAX);
        }
        for (String f : new String[] { "kindCode", "venueId", "chairId", "minuteTakerId" }) {
            String value = switch (f) {
            case "kindCode" -> d.kindCode();
            case "venueId" -> d.venueId();
            case "chairId" -> d.chairId();
            default -> d.minuteTakerId();
            };
            v.maxLength(f, value, 36);
        }
        v.throwIfInvalid();
        String kind = d.kindCode() == null || d.kindCode().isBlank() ? "REGULAR" : d.kindCode().strip();
        LocalDate today = c.today();
        checkMembers(cell, today, d.chairId(), d.minuteTakerId());
        return c.jpa().txExpr(TransactionType.Required, em -> {
            KindEntity k = kindOrError(em, kind);
            if (d.venueId() != null && venueIn(em, scope, d.venueId(), path) == null) {
                throw Problems.field("venueId", "unknown", "Không có địa điểm này ở chi bộ.", "The cell has no such venue.");
            }
            PatternEntity p = em.find(PatternEntity.class, cell);
            boolean created = p == null;
            if (created) {
                if (d.version() != null) {
                    throw SotayException.staleVersion();
                }
                p = new PatternEntity();
                p.unitId = cell;
            } else if (d.version() == null || p.version != d.version()) {
                throw SotayException.staleVersion();
            }
            p.unitPath = path;
            p.dayOfMonth = d.dayOfMonth();
            p.weekOfMonth = byWeek ? d.weekOfMonth() : null;
            p.weekday = byWeek ? d.weekday().name() : null;
            p.startTime = Times.time(d.time()).toString();
            p.durationMin = d.durationMinutes() != null ? d.durationMinutes() : c.settings().minimumMinutes(k.code, k.minMinutes);
            p.kindCode = k.code;
            p.venueId = blankToNull(d.venueId());
            p.chairId = blankToNull(d.chairId());
            p.minuteTakerId = blankToNull(d.minuteTakerId());
            p.agenda = String.join("\n", agenda);
            p.updatedMs = c.now();
            p.updatedBy = c.callers().current().subject();
            if (created) {
                em.persist(p);
            }
            em.flush();
            MeetingPattern dto = toDto(p);
            c.log(em).audit("pattern.set", "unit", cell, cell, dto.description());
            return dto;
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private KindEntity kindOrError(EntityManager em, String kind) {
        KindEntity k = kind == null || kind.length() > 30 ? null : em.find(KindEntity.class, kind);
        if (k == null) {
            throw Problems.field("kindCode", "unknown", "Không có loại sinh hoạt này.", "There is no such meeting kind.");
        }
        return k;
    }

    /** Chair and minute taker must be on the cell's roster. */
    private void checkMembers(String cell, LocalDate on, String chairId, String minuteTakerId) {
        Validation v = new Validation();
        List<RosterMember> roster = null;
        for (String[] f : new String[][] { { "chairId", chairId }, { "minuteTakerId", minuteTakerId } }) {
            if (f[1] == null || f[1].isBlank()) {
                continue;
            }
            if (roster == null) {
                roster = c.roster().of(cell, on);
            }
            String id = f[1].strip();
            v.check(roster.stream().anyMatch(m -> m.memberId().equals(id)), f[0], "not-in-cell",
                    Text.of("Không phải đảng viên của chi bộ.", "Not a member of the cell."));
        }
        v.throwIfInvalid();
    }

    @Override
    public Proposal proposal(String unitId, String month) {
        Scope scope = scope(MeetingsPermissions.READ);
        String path = Store.visibleUnit(c.tree(), scope, unitId);
        String cell = unitId.strip();
        YearMonth asked = null;
        if (month != null && !month.isBlank()) {
            asked = Times.month(month);
            if (asked == null) {
                throw Problems.field("month", "not-a-month", "Tháng dạng YYYY-MM.", "A month as YYYY-MM.");
            }
            if (asked.isBefore(YearMonth.of(2000, 1)) || asked.isAfter(YearMonth.from(c.today()).plusYears(2))) {
                throw Problems.field("month", "out-of-range", "Tháng từ 2000 đến hai năm tới.", "A month from 2000 up to two years ahead.");
            }
        }
        YearMonth wanted = asked;
        return c.jpa().txExpr(TransactionType.Required, em -> propose(em, cell, path, wanted));
    }

    private Proposal propose(EntityManager em, String cell, String path, YearMonth asked) {
        LocalDate today = c.today();
        PatternEntity p = em.find(PatternEntity.class, cell);
        if (p != null && !p.unitPath.equals(path)) {
            p = null;
        }
        List<MeetingEntity> recent = em.createQuery("SELECT m FROM MeetingEntity m WHERE m.unitPath = :p AND m.status <> 'CANCELLED'"
                + " ORDER BY m.startMs DESC", MeetingEntity.class).setParameter("p", path).setMaxResults(1).getResultList();
        MeetingEntity last = recent.isEmpty() ? null : recent.get(0);
        YearMonth month = asked;
        if (month == null) {
            // this month while its meeting is still ahead and not registered, else the next month
            month = YearMonth.from(today);
            LocalDate day = p != null ? Times.day(month, p.dayOfMonth, p.weekOfMonth, p.weekday == null ? null : DayOfWeek.valueOf(p.weekday))
                    : null;
            if (day == null || day.isBefore(today) || existing(em, path, month) != null) {
                month = month.plusMonths(1);
            }
        }
        String basis;
        LocalDate date;
        String time;
        Integer duration;
        String kind;
        String venue;
        String chair;
        String taker;
        List<AgendaItemDraft> agenda = new ArrayList<>();
        if (p != null) {
            basis = "pattern";
            date = Times.day(month, p.dayOfMonth, p.weekOfMonth, p.weekday == null ? null : DayOfWeek.valueOf(p.weekday));
            time = p.startTime;
            duration = p.durationMin;
            kind = p.kindCode;
            venue = p.venueId != null ? p.venueId : last == null ? null : last.venueId;
            chair = p.chairId != null ? p.chairId : last == null ? null : last.chairId;
            taker = p.minuteTakerId != null ? p.minuteTakerId : last == null ? null : last.minuteTakerId;
            lines(p.agenda).forEach(t -> agenda.add(new AgendaItemDraft(t, List.of())));
        } else if (last != null) {
            basis = "last-meeting";
            date = month.atDay(Math.min(last.localDate.getDayOfMonth(), month.lengthOfMonth()));
            time = last.localTime;
            duration = last.durationMin;
            kind = "THEMATIC".equals(last.kindCode) ? "THEMATIC" : "REGULAR";
            venue = last.venueId;
            chair = last.chairId;
            taker = last.minuteTakerId;
        } else {
            basis = "defaults";
            date = Times.day(month, null, null, null);
            time = "19:30";
            duration = null;
            kind = "REGULAR";
            venue = null;
            chair = null;
            taker = null;
        }
        if (agenda.isEmpty() && last != null) {
            // the agenda skeleton of last month's meeting, without its documents
            for (Agenda.Item i : Agenda.items(last.agendaJson)) {
                agenda.add(new AgendaItemDraft(i.title(), List.of()));
            }
        }
        if (venue != null && em.find(VenueEntity.class, venue) == null) {
            venue = null;
        }
        KindEntity k = em.find(KindEntity.class, kind);
        String title = (k == null ? "Sinh hoạt chi bộ" : k.nameVi) + " tháng " + String.format("%02d/%d", month.getMonthValue(), month.getYear());
        MeetingEntity there = existing(em, path, month);
        LocalDate deadline = Store.deadline(month, c.settings().config().deadlineDay());
        return new Proposal(cell, month.toString(), new MeetingDraft(cell, kind, title, date, time, duration, venue, null, chair, taker, agenda, null),
                basis, there == null ? null : there.id, deadline, today.isAfter(deadline));
    }

    /** The month's regular or thematic meeting, if registered. */
    private static MeetingEntity existing(EntityManager em, String path, YearMonth month) {
        List<MeetingEntity> found = em.createQuery("SELECT m FROM MeetingEntity m WHERE m.unitPath = :p AND m.status <> 'CANCELLED'"
                + " AND m.localDate >= :from AND m.localDate <= :to AND (m.kindCode = 'REGULAR' OR m.kindCode = 'THEMATIC') ORDER BY m.startMs",
                MeetingEntity.class).setParameter("p", path).setParameter("from", month.atDay(1)).setParameter("to", month.atEndOfMonth())
                .setMaxResults(1).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public Meeting confirm(String unitId, ConfirmDraft draft) {
        ConfirmDraft d = draft == null ? new ConfirmDraft(null, null, null, null, null) : draft;
        Validation v = new Validation();
        v.check(d.month() == null || Times.month(d.month()) != null, "month", "not-a-month", Text.of("Tháng dạng YYYY-MM.", "A month as YYYY-MM."));
        v.check(d.time() == null || Times.time(d.time()) != null, "time", "not-a-time", Text.of("Giờ dạng HH:mm.", "A time as HH:mm."));
        v.maxLength("venueId", d.venueId(), 36).text("title", Validation.clean(d.title()), MeetingDraft.TITLE_MAX);
        v.throwIfInvalid();
        Scope manage = scope(MeetingsPermissions.MANAGE);
        String path = Store.visibleUnit(c.tree(), manage, unitId);
        Proposal p = c.jpa().txExpr(TransactionType.Required, em -> propose(em, unitId.strip(), path, Times.month(d.month())));
        if (p.existingMeetingId() != null) {
            throw new SotayException(Problems.MONTH_REGISTERED, Text.of("Tháng " + p.month() + " đã có lịch sinh hoạt (" + p.existingMeetingId()
                    + "); hãy dời hoặc sửa cuộc họp đó.", "The meeting of " + p.month() + " is registered already (" + p.existingMeetingId()
                            + "); move or edit it."));
        }
        MeetingDraft m = p.draft();
        return create(new MeetingDraft(m.unitId(), m.kindCode(), d.title() != null && !d.title().isBlank() ? d.title() : m.title(),
                d.date() != null ? d.date() : m.date(), d.time() != null ? d.time() : m.time(), m.durationMinutes(),
                d.venueId() != null ? d.venueId() : m.venueId(), null, m.chairId(), m.minuteTakerId(), m.agenda(), null));
    }

    // ---- meetings ----

    @Override
    public Page<Meeting> list(MeetingQuery query, PageRequest page) {
        MeetingQuery q = query == null ? new MeetingQuery(null, null, null, null) : query;
        Caller caller = c.callers().current();
        Scope scope = Scope.of(caller, MeetingsPermissions.READ, c.tree());
        Scope manage = Scope.of(caller, MeetingsPermissions.MANAGE, c.tree());
        String unitPath = q.unitId() == null || q.unitId().isBlank() ? null : Store.visibleUnit(c.tree(), scope, q.unitId());
        StringBuilder where = new StringBuilder(" FROM MeetingEntity m WHERE ").append(scope.jpql("m.unitPath"));
        if (unitPath != null) {
            where.append(" AND m.unitPath LIKE :unit");
        }
        if (q.from() != null) {
            where.append(" AND m.localDate >= :from");
        }
        if (q.to() != null) {
            where.append(" AND m.localDate <= :to");
        }
        if (q.status() != null) {
            where.append(" AND m.status = :status");
        }
        return c.jpa().txExpr(TransactionType.Required, em -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(m)" + where, Long.class);
            TypedQuery<MeetingEntity> list = em.createQuery("SELECT m" + where + " ORDER BY m.startMs DESC, m.id", MeetingEntity.class);
            for (TypedQuery<?> t : List.of(count, list)) {
                Store.bind(t, scope);
                if (unitPath != null) {
                    t.setParameter("unit", Scope.likePrefix(unitPath));
                }
                if (q.from() != null) {
                    t.setParameter("from", q.from());
                }
                if (q.to() != null) {
                    t.setParameter("to", q.to());
                }
                if (q.status() != null) {
                    t.setParameter("status", q.status().name());
                }
            }
            List<Meeting> items = list.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList().stream()
                    .map(m -> Store.toDto(c, em, m, manage.covers(m.unitPath))).toList();
            return new Page<>(items, count.getSingleResult(), page);
        });
    }

    @Override
    public Meeting get(String id) {
        Caller caller = c.callers().current();
        Scope manage = Scope.of(caller, MeetingsPermissions.MANAGE, c.tree());
        Scope read = Scope.of(caller, MeetingsPermissions.READ, c.tree());
        return c.jpa().txExpr(TransactionType.Required, em -> {
            MeetingEntity m = Store.meeting(em, read, id);
            return Store.toDto(c, em, m, manage.covers(m.unitPath));
        });
    }

    /** A meeting's timing as validated. */
    private record When(LocalDate date, LocalTime time, long startMs, long endMs, int minutes) {
    }

    private When when(Validation v, LocalDate date, String time, Integer duration, int fallback) {
        LocalTime t = Times.time(time);
        v.required("date", date);
        v.check(time == null || t != null, "time", "not-a-time", Text.of("Giờ dạng HH:mm, ví dụ 19:30.", "A time as HH:mm, such as 19:30."));
        v.required("time", time);
        LocalDate today = c.today();
        v.check(date == null || (!date.isBefore(today.minusDays(400)) && !date.isAfter(today.plusYears(2))), "date", "out-of-range",
                Text.of("Ngày họp trong khoảng 400 ngày trước đến hai năm tới.", "A meeting date within 400 days back and two years ahead."));
        v.check(duration == null || (duration >= 15 && duration <= 720), "durationMinutes", "out-of-range",
                Text.of("Thời lượng từ 15 đến 720 phút.", "A duration of 15 to 720 minutes."));
        if (date == null || t == null) {
            return null;
        }
        int minutes = duration == null ? fallback : duration;
        ZonedDateTime start = date.atTime(t).atZone(c.zone());
        return new When(date, t, start.toInstant().toEpochMilli(), start.plusMinutes(minutes).toInstant().toEpochMilli(), minutes);
    }

    private static List<AgendaItemDraft> validAgenda(Validation v, List<AgendaItemDraft> agenda) {
        List<AgendaItemDraft> items = agenda == null ? List.of() : agenda;
        v.check(items.size() <= MeetingDraft.AGENDA_MAX, "agenda", "too-many", Text.of("Tối đa 30 nội dung.", "At most 30 items."));
        for (int i = 0; i < items.size() && i < MeetingDraft.AGENDA_MAX; i++) {
            AgendaItemDraft a = items.get(i);
            String f = "agenda[" + i + "]";
            if (a == null) {
                v.required(f, null);
                continue;
            }
            String title = Validation.clean(a.title());
            v.required(f + ".title", title).text(f + ".title", title, AgendaItemDraft.TITLE_MAX);
            List<String> docs = a.documentIds() == null ? List.of() : a.documentIds();
            v.check(docs.size() <= AgendaItemDraft.DOCUMENTS_MAX, f + ".documentIds", "too-many",
                    Text.of("Tối đa 20 tài liệu mỗi nội dung.", "At most 20 documents per item."));
            for (int j = 0; j < docs.size(); j++) {
                String doc = docs.get(j);
                v.check(doc != null && doc.strip().matches("[A-Za-z0-9._:-]{1,64}"), f + ".documentIds[" + j + "]", "invalid-value",
                        Text.of("Mã tài liệu không hợp lệ.", "Not a document id."));
            }
        }
        return items;
    }

    private static String agendaJson(List<AgendaItemDraft> items, List<Agenda.Item> before) {
        List<Agenda.Item> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            AgendaItemDraft a = items.get(i);
            // an item keeps its id when its place and title are unchanged (minutes refer to it)
            String id = i < before.size() && before.get(i).title().equals(Validation.clean(a.title())) ? before.get(i).id()
                    : UUID.randomUUID().toString();
            out.add(new Agenda.Item(id, Validation.clean(a.title()),
                    a.documentIds() == null ? List.of() : a.documentIds().stream().map(String::strip).distinct().toList()));
        }
        return Agenda.write(out);
    }

    @Override
    public Meeting create(MeetingDraft draft) {
        MeetingDraft d = draft == null ? new MeetingDraft(null, null, null, null, null, null, null, null, null, null, null, null) : draft;
        Validation v = new Validation();
        String unitId = Validation.clean(d.unitId());
        v.required("unitId", unitId).maxLength("unitId", unitId, 36);
        v.check(d.version() == null, "version", "not-allowed", Text.of("Cuộc họp mới chưa có phiên bản.", "A new meeting has no version yet."));
        String title = Validation.clean(d.title());
        v.text("title", title, MeetingDraft.TITLE_MAX).text("venueText", Validation.clean(d.venueText()), MeetingDraft.VENUE_TEXT_MAX);
        v.maxLength("kindCode", d.kindCode(), 30).maxLength("venueId", d.venueId(), 36).maxLength("chairId", d.chairId(), 36)
                .maxLength("minuteTakerId", d.minuteTakerId(), 36);
        List<AgendaItemDraft> agenda = validAgenda(v, d.agenda());
        When w0 = when(v, d.date(), d.time(), d.durationMinutes(), 90);
        v.throwIfInvalid();
        Caller caller = c.callers().current();
        Scope manage = Scope.of(caller, MeetingsPermissions.MANAGE, c.tree());
        String path = Store.visibleUnit(c.tree(), manage, unitId);
        checkMembers(unitId, w0.date(), d.chairId(), d.minuteTakerId());
        String kindCode = d.kindCode() == null || d.kindCode().isBlank() ? "REGULAR" : d.kindCode().strip();
        return c.jpa().txExpr(TransactionType.Required, em -> {
            KindEntity kind = kindOrError(em, kindCode);
            When w = d.durationMinutes() == null ? when(new Validation(), d.date(), d.time(), c.settings().minimumMinutes(kind.code, kind.minMinutes), 0)
                    : w0;
            VenueEntity venue = null;
            if (d.venueId() != null && !d.venueId().isBlank()) {
                venue = venueIn(em, manage, d.venueId(), path);
                if (venue == null) {
                    throw Problems.field("venueId", "unknown", "Không có địa điểm này ở chi bộ.", "The cell has no such venue.");
                }
            }
            noOverlap(em, path, w.startMs(), w.endMs(), null);
            long now = c.now();
            MeetingEntity m = new MeetingEntity();
            m.id = UUID.randomUUID().toString();
            m.unitId = unitId;
            m.unitPath = path;
            m.kindCode = kind.code;
            m.title = title == null || title.isEmpty()
                    ? kind.nameVi + " tháng " + String.format("%02d/%d", w.date().getMonthValue(), w.date().getYear())
                    : title;
            m.status = MeetingStatus.SCHEDULED.name();
            place(m, w);
            m.venueId = venue == null ? null : venue.id;
            m.venueText = venue == null ? Validation.clean(d.venueText()) : null;
            m.chairId = blankToNull(d.chairId());
            m.minuteTakerId = blankToNull(d.minuteTakerId());
            m.agendaJson = agendaJson(agenda, List.of());
            m.checkInCode = Codes.checkInCode();
            m.minutesState = MinutesState.NONE.name();
            m.registeredMs = now;
            m.registeredBy = caller.subject();
            m.recordedLate = now >= m.startMs;
            m.beforeDeadline = beforeDeadline(m);
            m.updatedMs = now;
            em.persist(m);
            em.flush();
            Journal.Entries log = c.log(em);
            log.event(MeetingEvents.SCHEDULED, Store.facts(c, em, m));
            log.audit("meeting.schedule", "meeting", m.id, m.unitId, m.kindCode + " on " + m.localDate + " " + m.localTime + " ("
                    + m.durationMin + " min)" + (m.recordedLate ? ", recorded late" : "") + (m.beforeDeadline ? ", before the deadline" : ""));
            return Store.toDto(c, em, m, true);
        });
    }

    private void place(MeetingEntity m, When w) {
        m.localDate = w.date();
        m.localTime = w.time().toString();
        m.startMs = w.startMs();
        m.endMs = w.endMs();
        m.durationMin = w.minutes();
    }

    private boolean beforeDeadline(MeetingEntity m) {
        LocalDate registered = java.time.Instant.ofEpochMilli(m.registeredMs).atZone(c.zone()).toLocalDate();
        return !registered.isAfter(Store.deadline(YearMonth.from(m.localDate), c.settings().config().deadlineDay()));
    }

    /** No two meetings of one cell overlap (cancelled ones do not count). */
    private static void noOverlap(EntityManager em, String path, long start, long end, String except) {
        List<MeetingEntity> clash = em.createQuery("SELECT m FROM MeetingEntity m WHERE m.unitPath = :p AND m.status <> 'CANCELLED'"
                + " AND m.startMs < :end AND m.endMs > :start", MeetingEntity.class).setParameter("p", path).setParameter("start", start)
                .setParameter("end", end).getResultList().stream().filter(m -> !m.id.equals(except)).toList();
        if (!clash.isEmpty()) {
            MeetingEntity o = clash.get(0);
            throw new SotayException(Problems.OVERLAP, Text.of("Trùng với \"" + o.title + "\" ngày " + DAY.format(o.localDate) + " lúc " + o.localTime
                    + ".", "Overlaps \"" + o.title + "\" on " + o.localDate + " at " + o.localTime + "."));
        }
    }

    @Override
    public Meeting update(String id, MeetingUpdate update) {
        MeetingUpdate u = update == null ? new MeetingUpdate(null, null, null, null, null, null, null) : update;
        Validation v = new Validation();
        v.required("version", u.version());
        String title = Validation.clean(u.title());
        v.check(u.title() == null || !title.isEmpty(), "title", "required", Text.of("Trường này là bắt buộc.", "This field is required."));
        v.text("title", title, MeetingDraft.TITLE_MAX).text("venueText", Validation.clean(u.venueText()), MeetingDraft.VENUE_TEXT_MAX);
        v.maxLength("venueId", u.venueId(), 36).maxLength("chairId", u.chairId(), 36).maxLength("minuteTakerId", u.minuteTakerId(), 36);
        List<AgendaItemDraft> agenda = u.agenda() == null ? null : validAgenda(v, u.agenda());
        v.throwIfInvalid();
        Scope manage = scope(MeetingsPermissions.MANAGE);
        return c.jpa().txExpr(TransactionType.Required, em -> {
            MeetingEntity m = Store.meeting(em, manage, id);
            if (m.version != u.version()) {
                throw SotayException.staleVersion();
            }
            if (MeetingStatus.CANCELLED.name().equals(m.status) || MinutesState.APPROVED.name().equals(m.minutesState)) {
                throw Problems.state("Cuộc họp đã hủy hoặc biên bản đã thông qua: không sửa được.",
                        "The meeting is cancelled or its minutes are approved: it cannot be edited.");
            }
            checkMembers(m.unitId, m.localDate, u.chairId(), u.minuteTakerId());
            if (u.venueId() != null) {
                VenueEntity venue = u.venueId().isBlank() ? null : venueIn(em, manage, u.venueId(), m.unitPath);
                if (venue == null && !u.venueId().isBlank()) {
                    throw Problems.field("venueId", "unknown", "Không có địa điểm này ở chi bộ.", "The cell has no such venue.");
                }
                m.venueId = venue == null ? null : venue.id;
                if (venue != null) {
                    m.venueText = null;
                }
            }
            if (u.venueText() != null) {
                m.venueText = blankToNull(Validation.clean(u.venueText()));
            }
            if (title != null) {
                m.title = title;
            }
            if (u.chairId() != null) {
                m.chairId = blankToNull(u.chairId());
            }
            if (u.minuteTakerId() != null) {
                m.minuteTakerId = blankToNull(u.minuteTakerId());
            }
            if (agenda != null) {
                m.agendaJson = agendaJson(agenda, Agenda.items(m.agendaJson));
            }
            m.updatedMs = c.now();
            em.flush();
            c.log(em).audit("meeting.update", "meeting", m.id, m.unitId, "'" + m.title + "'");
            return Store.toDto(c, em, m, true);
        });
    }

    @Override
    public Meeting move(String id, MoveDraft draft) {
        MoveDraft d = draft == null ? new MoveDraft(null, null, null, null, null) : draft;
        Validation v = new Validation();
        v.required("version", d.version()).text("reason", Validation.clean(d.reason()), MoveDraft.REASON_MAX);
        When w0 = when(v, d.date(), d.time(), d.durationMinutes(), 0);
        v.throwIfInvalid();
        Scope manage = scope(MeetingsPermissions.MANAGE);
        return c.jpa().txExpr(TransactionType.Required, em -> {
            MeetingEntity m = Store.meeting(em, manage, id);
            if (m.version != d.version()) {
                throw SotayException.staleVersion();
            }
            if (!MeetingStatus.SCHEDULED.name().equals(m.status)) {
                throw Problems.state("Chỉ dời được cuộc họp chưa diễn ra.", "Only a meeting not yet held can be moved.");
            }
            When w = d.durationMinutes() == null ? when(new Validation(), d.date(), d.time(), m.durationMin, 0) : w0;
            noOverlap(em, m.unitPath, w.startMs(), w.endMs(), m.id);
            String before = m.localDate + " " + m.localTime;
            place(m, w);
            m.beforeDeadline = beforeDeadline(m);
            m.seq++;
            m.updatedMs = c.now();
            em.flush();
            Map<String, Object> facts = Store.facts(c, em, m);
            String reason = Validation.clean(d.reason());
            if (reason != null && !reason.isEmpty()) {
                facts.put(MeetingEvents.REASON, reason);
            }
            Journal.Entries log = c.log(em);
            log.event(MeetingEvents.MOVED, facts);
            log.audit("meeting.move", "meeting", m.id, m.unitId, before + " -> " + m.localDate + " " + m.localTime);
            return Store.toDto(c, em, m, true);
        });
    }

    @Override
    public Meeting cancel(String id, CancelDraft draft) {
        CancelDraft d = draft == null ? new CancelDraft(null, null) : draft;
        String reason = Validation.clean(d.reason());
        new Validation().required("reason", reason).text("reason", reason, MoveDraft.REASON_MAX).required("version", d.version()).throwIfInvalid();
        Scope manage = scope(MeetingsPermissions.MANAGE);
        return c.jpa().txExpr(TransactionType.Required, em -> {
            MeetingEntity m = Store.meeting(em, manage, id);
            if (m.version != d.version()) {
                throw SotayException.staleVersion();
            }
            if (!MeetingStatus.SCHEDULED.name().equals(m.status)) {
                throw Problems.state("Chỉ hủy được cuộc họp chưa diễn ra.", "Only a meeting not yet held can be cancelled.");
            }
            m.status = MeetingStatus.CANCELLED.name();
            m.cancelReason = reason;
            m.seq++;
            m.updatedMs = c.now();
            em.flush();
            Map<String, Object> facts = Store.facts(c, em, m);
            facts.put(MeetingEvents.REASON, reason);
            Journal.Entries log = c.log(em);
            log.event(MeetingEvents.CANCELLED, facts);
            log.audit("meeting.cancel", "meeting", m.id, m.unitId, reason);
            return Store.toDto(c, em, m, true);
        });
    }

    @Override
    public Packet packet(String id) {
        Meeting meeting = get(id);
        List<String> ids = new ArrayList<>();
        meeting.agenda().forEach(a -> a.documents().forEach(doc -> {
            if (!ids.contains(doc.itemId())) {
                ids.add(doc.itemId());
            }
        }));
        List<Packet.Content> docs = new ArrayList<>();
        for (DocumentContent dc : c.documents().content(meeting.unitId(), ids)) {
            docs.add(new Packet.Content(dc.itemId(), dc.title(), dc.kind(), dc.summary(), dc.bodyHtml(), dc.publishedAt(), dc.version(),
                    dc.attachments() == null ? List.of() : dc.attachments().stream().map(a -> new Packet.Attachment(a.id(), a.fileName(),
                            a.mediaType(), a.size(), a.sha256(), a.href())).toList()));
        }
        return new Packet(meeting, docs, rolls.roll(id).entries());
    }
}
