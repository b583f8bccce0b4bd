package org.sotay.meetings.impl.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.aries.jpa.template.TransactionType;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.audit.AuditQuery;
import org.sotay.core.api.audit.AuditRecord;
import org.sotay.core.api.audit.AuditTrail;
import org.sotay.core.api.jobs.Scheduler;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.GrantedCaller;
import org.sotay.meetings.api.AgendaItem;
import org.sotay.meetings.api.AgendaItemDraft;
import org.sotay.meetings.api.AttendanceService;
import org.sotay.meetings.api.AttendanceState;
import org.sotay.meetings.api.CheckIn;
import org.sotay.meetings.api.ConfirmDraft;
import org.sotay.meetings.api.DecisionDraft;
import org.sotay.meetings.api.Mark;
import org.sotay.meetings.api.Meeting;
import org.sotay.meetings.api.MeetingDraft;
import org.sotay.meetings.api.MeetingPattern;
import org.sotay.meetings.api.MeetingQuery;
import org.sotay.meetings.api.MeetingService;
import org.sotay.meetings.api.MeetingsPermissions;
import org.sotay.meetings.api.Minutes;
import org.sotay.meetings.api.MinutesDraft;
import org.sotay.meetings.api.MinutesItemDraft;
import org.sotay.meetings.api.MinutesService;
import org.sotay.meetings.api.PatternDraft;
import org.sotay.meetings.api.Roll;
import org.sotay.meetings.api.Tally;
import org.sotay.meetings.api.Venue;
import org.sotay.meetings.api.VenueDraft;
import org.sotay.registry.api.Connectivity;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.api.OrgUnit;
import org.sotay.registry.api.OrgUnitService;

/**
 * The demo province's meeting history, as the seed describes it: most cells never registered a meeting;
 * about one in five set a pattern and met over the last months, some registering on time (before the
 * deadline day), some late, some only after the meeting (recorded late), a few keeping paper minutes
 * only; members with the app checked in themselves, the secretary marked the others (the elderly without
 * a phone) present, or absent with a reason; most minutes approved, some missing.
 *
 * <p>Everything goes through the module's own services (validation, roster, roll, journal, events), run on
 * a {@link ReplayClock} set to the moment each step would have happened, so the deadline and "recorded
 * late" flags are the services' own verdicts. Deterministic for a seed and a registry. It runs once: the
 * audit lines {@code demo.start} and {@code demo.done} on target {@code demo/meetings-demo} (their summary
 * starting with the day the history is anchored on) mark it; a run cut off resumes on that same day, leaving alone every month a cell already has a meeting in.
 */
final class DemoHistory {
    static final String SUBJECT = "system:meetings-demo";
    static final String START = "demo.start";
    static final String DONE = "demo.done";
    static final String TARGET = "meetings-demo";
    private static final String ANCHOR = "anchor=";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MM/yyyy");
    private static final List<String> AGENDA = List.of("Kiểm điểm việc thực hiện nhiệm vụ tháng trước", "Phổ biến, quán triệt văn bản mới của cấp trên",
            "Thảo luận, quyết định nhiệm vụ tháng tới", "Thu đảng phí");
    private static final List<String> TOPICS = List.of("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "Chuyển đổi số trong sinh hoạt chi bộ",
            "Xây dựng nông thôn mới ở thôn, bản", "Phòng, chống thiên tai mùa mưa lũ", "Công tác dân vận ở khu dân cư");
    private static final List<String> REASONS = List.of("Ốm", "Đi công tác", "Việc gia đình", "Chăm người nhà ốm", "Đi làm ăn xa", "Đi viện khám bệnh");
    private static final String[] PERMISSIONS = { MeetingsPermissions.READ, MeetingsPermissions.MANAGE, MeetingsPermissions.ATTEND,
            "registry.read", AuditTrail.READ };

    /** Seed, the share of cells that use the handbook for their meetings, and how many months back the history starts. */
    record Plan(long seed, int activePercent, int months) {
    }

    /** What a run wrote (or, {@code alreadyLoaded}, found written). */
    record Result(LocalDate anchor, int cells, int activeCells, int patterns, int meetings, int onTime, int recordedLate, int held, int paperOnly,
            int approved, int drafts, int selfCheckIns, int markedBySecretary, int elderlyMarkedPresent, String secretaryCell, boolean alreadyLoaded,
            long ms) {
        String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("anchor", anchor);
            m.put("cells", cells);
            m.put("activeCells", activeCells);
            m.put("patterns", patterns);
            m.put("meetings", meetings);
            m.put("registeredOnTime", onTime);
            m.put("recordedLate", recordedLate);
            m.put("held", held);
            m.put("paperOnly", paperOnly);
            m.put("minutesApproved", approved);
            m.put("minutesDraft", drafts);
            m.put("selfCheckIns", selfCheckIns);
            m.put("markedBySecretary", markedBySecretary);
            m.put("elderlyMarkedPresent", elderlyMarkedPresent);
            m.put("alreadyLoaded", alreadyLoaded);
            m.put("loadMs", ms);
            StringBuilder s = new StringBuilder("{");
            m.forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append('"').append(k).append("\":")
                    .append(v instanceof Number || v instanceof Boolean ? v : "\"" + v + "\""));
            return s.append('}').toString();
        }
    }

    private enum Style {
        DILIGENT, IRREGULAR, PAPER
    }

    private enum Registration {
        ON_TIME, LATE, AFTERWARDS
    }

    private enum Outcome {
        MINUTES_APPROVED, MINUTES_DRAFT, ATTENDANCE_ONLY, PAPER_ONLY, NOTHING
    }

    private final Context c;
    private final ReplayClock clock;
    private final MeetingService meetings;
    private final AttendanceService attendance;
    private final MinutesService minutes;
    private final MemberService members;
    private final OrgUnitService units;
    private final AuditTrail audit;
    private final Plan plan;

    /** {@code c} runs on {@code clock}; the three services are built on {@code c}. */
    DemoHistory(Context c, ReplayClock clock, MeetingService meetings, AttendanceService attendance, MinutesService minutes, MemberService members,
            OrgUnitService units, AuditTrail audit, Plan plan) {
        this.c = c;
        this.clock = clock;
        this.meetings = meetings;
        this.attendance = attendance;
        this.minutes = minutes;
        this.members = members;
        this.units = units;
        this.audit = audit;
        this.plan = plan;
    }

    /** The registry's root once it holds members (the registry's demo is loaded in one transaction: members seen means all there). */
    Optional<String> registryReady() {
        List<String> roots = c.tree().roots();
        if (roots.isEmpty()) {
            return Optional.empty();
        }
        String root = roots.get(0);
        long count = as(caller(root), () -> members.search(new MemberQuery(null, root, null, null, null, null), PageRequest.of(0, 1)).getTotal());
        return count > 0 ? Optional.of(root) : Optional.empty();
    }

    /** Writes the history, or finds it written. */
    Result run(String root, Scheduler.Progress progress) {
        long t0 = System.nanoTime();
        Caller demo = caller(root);
        return as(demo, () -> {
            List<AuditRecord> marks = audit.find(new AuditQuery(null, null, MeetingsSchema.MODULE, SUBJECT, TARGET, null), PageRequest.of(0, 50))
                    .getItems();
            Optional<AuditRecord> done = marks.stream().filter(r -> DONE.equals(r.action())).findFirst();
            Optional<AuditRecord> started = marks.stream().filter(r -> START.equals(r.action())).findFirst();
            if (done.isPresent()) {
                return new Result(started.map(DemoHistory::anchorOf).orElse(null), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, true,
                        0);
            }
            LocalDate anchor = started.map(DemoHistory::anchorOf).orElse(LocalDate.now(c.clock()));
            boolean resume = started.isPresent();
            if (!resume) {
                marker(START, anchor, root, "seed " + plan.seed() + ", " + plan.activePercent() + "% of cells, " + plan.months() + " months");
            }
            progress.at("reading", 0, 0);
            List<OrgUnit> cells = new ArrayList<>(units.treeAt(root, anchor).stream().filter(u -> "CELL".equals(u.typeCode()) && u.validTo() == null)
                    .toList());
            cells.sort((a, b) -> a.code().compareTo(b.code()));
            // the cell of the demo secretary (identity's demo: the cell of the first official member using a smartphone, in the registry's order)
            List<Member> first = members.search(new MemberQuery(null, null, MemberStatus.OFFICIAL, true, null, null), PageRequest.of(0, 1)).getItems();
            String secretaryCell = first.isEmpty() ? null : first.get(0).cellId();
            Random pick = new Random(plan.seed());
            List<OrgUnit> active = new ArrayList<>();
            for (OrgUnit cell : cells) {
                boolean chosen = pick.nextInt(1000) < plan.activePercent() * 10;
                if (chosen || cell.id().equals(secretaryCell)) {
                    active.add(cell);
                }
            }
            Counters k = new Counters();
            for (int i = 0; i < active.size(); i++) {
                progress.at("writing", i, active.size());
                OrgUnit cell = active.get(i);
                cell(cell, anchor, resume, cell.id().equals(secretaryCell), k);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Result r = new Result(anchor, cells.size(), active.size(), k.patterns, k.meetings, k.onTime, k.recordedLate, k.held, k.paper, k.approved,
                    k.drafts, k.selfCheckIns, k.marked, k.elderlyPresent, secretaryCell, false, ms);
            marker(DONE, anchor, root, r.json());
            progress.at("done", active.size(), active.size());
            return r;
        });
    }

    private static final class Counters {
        int patterns;
        int meetings;
        int onTime;
        int recordedLate;
        int held;
        int paper;
        int approved;
        int drafts;
        int selfCheckIns;
        int marked;
        int elderlyPresent;
    }

    /** The run's own audit lines (target {@code demo/meetings-demo}), whose summary starts with the day the history is anchored on. */
    private void marker(String action, LocalDate anchor, String root, String summary) {
        String text = ANCHOR + anchor + " " + summary;
        c.jpa().tx(TransactionType.Required, em -> c.log(em).audit(action, "demo", TARGET, root, text.length() > 1000 ? text.substring(0, 1000) : text));
    }

    private static LocalDate anchorOf(AuditRecord r) {
        return LocalDate.parse(r.summary().substring(ANCHOR.length(), ANCHOR.length() + 10));
    }

    private void cell(OrgUnit listed, LocalDate anchor, boolean resume, boolean secretaryCell, Counters k) {
        OrgUnit cell = units.get(listed.id()); // with its venue and connectivity as they are now (a tree at a date has neither)
        Random r = new Random(Objects.hash(plan.seed(), cell.code()));
        Style style = secretaryCell ? Style.DILIGENT : switch (r.nextInt(20)) {
        case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 -> Style.DILIGENT;
        case 10, 11, 12, 13, 14, 15, 16, 17, 18 -> Style.IRREGULAR;
        default -> Style.PAPER;
        };
        if (!secretaryCell && cell.connectivity() == Connectivity.NONE && r.nextInt(4) == 0) {
            style = Style.PAPER; // no signal at the cultural house: the paper minutes are what there is
        }
        List<Member> people = people(cell.id());
        YearMonth firstMonth = YearMonth.from(anchor).minusMonths(plan.months());
        // the pattern, set once, a few days before the first month's deadline
        if (!at(firstMonth.minusMonths(1).atDay(8).atTime(9, 0))) {
            return;
        }
        MeetingPattern pattern = resume ? existingPattern(cell.id()) : null;
        if (pattern == null) {
            List<Venue> venues = resume ? meetings.venues(cell.id()) : List.of();
            Venue venue = !venues.isEmpty() ? venues.get(0)
                    : meetings.addVenue(cell.id(), new VenueDraft(cell.venue() == null || cell.venue().isBlank() ? "Hội trường chi bộ" : cell.venue(), null,
                            cell.connectivity() == Connectivity.WIFI || cell.connectivity() == Connectivity.MOBILE_DATA, true, null));
            int rule = r.nextInt(4);
            String time = List.of("19:30", "19:30", "14:00", "08:00").get(r.nextInt(4));
            PatternDraft draft = rule < 3 ? new PatternDraft(List.of(3, 5, 10, 15).get(r.nextInt(4)), null, null, time, null, "REGULAR", venue.id(),
                    null, null, AGENDA, null) : new PatternDraft(null, 1, DayOfWeek.SATURDAY, time, null, "REGULAR", venue.id(), null, null, AGENDA, null);
            pattern = meetings.setPattern(cell.id(), draft);
            k.patterns++;
        }
        for (YearMonth month = firstMonth; !month.isAfter(YearMonth.from(anchor)); month = month.plusMonths(1)) {
            month(cell, pattern, style, people, month, resume, k);
        }
    }

    private MeetingPattern existingPattern(String cell) {
        try {
            return meetings.pattern(cell);
        } catch (SotayException notYet) {
            return null;
        }
    }

    /** The cell's active members as the registry has them, read with registry.read at the cell. */
    private List<Member> people(String cell) {
        List<Member> out = new ArrayList<>();
        for (int offset = 0;; offset += PageRequest.MAX_LIMIT) {
            Page<Member> page = members.search(new MemberQuery(null, cell, null, null, null, null), PageRequest.of(offset, PageRequest.MAX_LIMIT));
            page.getItems().stream().filter(m -> m.status().active() && cell.equals(m.cellId())).forEach(out::add);
            if (page.getNextOffset() == null) {
                return out;
            }
        }
    }

    private boolean at(LocalDateTime t) {
        return clock.set(t);
    }

    private void month(OrgUnit cell, MeetingPattern p, Style style, List<Member> people, YearMonth month, boolean resume, Counters k) {
        // every draw of a month comes from the month's own sequence, so a resumed run decides the same
        Random r = new Random(Objects.hash(plan.seed(), cell.code(), month.toString()));
        int skip = r.nextInt(100);
        int reg = r.nextInt(100);
        int out = r.nextInt(100);
        boolean thematic = month.getMonthValue() % 3 == 0 && r.nextInt(100) < 70;
        if (skip < (style == Style.DILIGENT ? 3 : 12)) {
            return; // no meeting that month (or none the handbook knows of)
        }
        Registration registration = switch (style) {
        case DILIGENT -> reg < 85 ? Registration.ON_TIME : Registration.LATE;
        case IRREGULAR -> reg < 35 ? Registration.ON_TIME : reg < 80 ? Registration.LATE : Registration.AFTERWARDS;
        case PAPER -> reg < 10 ? Registration.ON_TIME : reg < 40 ? Registration.LATE : Registration.AFTERWARDS;
        };
        Outcome outcome = switch (style) {
        case DILIGENT -> out < 80 ? Outcome.MINUTES_APPROVED : out < 85 ? Outcome.MINUTES_DRAFT : out < 93 ? Outcome.ATTENDANCE_ONLY
                : out < 96 ? Outcome.PAPER_ONLY : Outcome.NOTHING;
        case IRREGULAR -> out < 55 ? Outcome.MINUTES_APPROVED : out < 62 ? Outcome.MINUTES_DRAFT : out < 76 ? Outcome.ATTENDANCE_ONLY
                : out < 86 ? Outcome.PAPER_ONLY : Outcome.NOTHING;
        case PAPER -> out < 15 ? Outcome.MINUTES_APPROVED : out < 22 ? Outcome.ATTENDANCE_ONLY : out < 92 ? Outcome.PAPER_ONLY : Outcome.NOTHING;
        };
        LocalDate date = Times.day(month, p.dayOfMonth(), p.weekOfMonth(), p.weekday());
        LocalDateTime start = date.atTime(LocalTime.parse(p.time()));
        LocalDate deadline = Store.deadline(month, c.settings().config().deadlineDay());
        LocalDateTime registered = switch (registration) {
        case ON_TIME -> deadline.minusDays(1 + r.nextInt(10)).atTime(20, 0);
        case LATE -> date.minusDays(1 + r.nextInt(4)).atTime(21, 0);
        case AFTERWARDS -> start.plusDays(1 + r.nextInt(3)).withHour(20).withMinute(0);
        };
        if (resume && meetings.list(new MeetingQuery(cell.id(), month.atDay(1), month.atEndOfMonth(), null), PageRequest.of(0, 1)).getTotal() > 0) {
            return;
        }
        if (!at(registered)) {
            return; // not registered yet
        }
        Meeting m;
        if (thematic || registration == Registration.AFTERWARDS) {
            List<AgendaItemDraft> agenda = new ArrayList<>();
            String title = null;
            if (thematic) {
                String topic = TOPICS.get(r.nextInt(TOPICS.size()));
                title = "Sinh hoạt chuyên đề tháng " + MONTH.format(month) + ": " + topic;
                agenda.add(new AgendaItemDraft("Chuyên đề: " + topic, List.of()));
            }
            p.agenda().forEach(a -> agenda.add(new AgendaItemDraft(a, List.of())));
            m = meetings.create(new MeetingDraft(cell.id(), thematic ? "THEMATIC" : "REGULAR", title, date, p.time(), null, p.venueId(), null, null, null,
                    agenda, null));
        } else {
            m = meetings.confirm(cell.id(), new ConfirmDraft(month.toString(), null, null, null, null));
        }
        k.meetings++;
        k.onTime += m.registeredBeforeDeadline() ? 1 : 0;
        k.recordedLate += m.recordedLate() ? 1 : 0;
        LocalDateTime end = start.plusMinutes(m.durationMinutes());
        if (!clock.past(end.plusHours(20)) || outcome == Outcome.NOTHING) {
            return; // still ahead (or just over), or never recorded: attendance and minutes missing
        }
        boolean beforehand = registered.isBefore(start);
        LocalDateTime after = beforehand ? end : registered.plusMinutes(5);
        if (outcome == Outcome.PAPER_ONLY) {
            at(beforehand ? date.plusDays(1).atTime(10, 0) : after);
            minutes.uploadPaper(m.id(), "application/pdf", new ByteArrayInputStream(paper(cell, m)));
            k.paper++;
            k.held++;
            return;
        }
        Roll roll = attend(m, people, start, beforehand, after, r, k);
        at(after.plusMinutes(1));
        roll = attendance.recordHeld(m.id());
        k.held++;
        if (outcome == Outcome.ATTENDANCE_ONLY) {
            return;
        }
        at(after.plusMinutes(30));
        Minutes draft = minutes.save(m.id(), minutesOf(m, roll, month, r));
        if (outcome == Outcome.MINUTES_DRAFT) {
            k.drafts++;
            return;
        }
        at(beforehand ? date.plusDays(1).atTime(8, 30) : after.plusMinutes(40));
        minutes.approve(m.id(), draft.version());
        k.approved++;
    }

    /** A few members with the app check themselves in with the code; the secretary marks everyone else. */
    private Roll attend(Meeting m, List<Member> people, LocalDateTime start, boolean beforehand, LocalDateTime after, Random r, Counters k) {
        Set<String> checkedIn = new HashSet<>();
        if (beforehand) {
            List<Member> withApp = new ArrayList<>(people.stream().filter(x -> x.appInstalled() && x.usesSmartphone() && x.status() != MemberStatus.EXEMPT)
                    .toList());
            Collections.shuffle(withApp, r);
            int n = Math.min(withApp.size(), r.nextInt(4));
            for (int i = 0; i < n; i++) {
                Member x = withApp.get(i);
                at(start.minusMinutes(5 - i));
                as(member(x), () -> attendance.checkIn(new CheckIn(m.checkInCode(), null)));
                checkedIn.add(x.id());
                k.selfCheckIns++;
            }
        }
        List<Mark> marks = new ArrayList<>();
        for (Member x : people) {
            if (checkedIn.contains(x.id())) {
                continue;
            }
            int d = r.nextInt(100);
            if (x.status() == MemberStatus.EXEMPT) {
                if (d < 20) {
                    marks.add(new Mark(x.id(), AttendanceState.PRESENT, null)); // an exempt member who came anyway
                }
                continue;
            }
            if (d < 86) {
                marks.add(new Mark(x.id(), AttendanceState.PRESENT, null));
                if (!x.usesSmartphone() || x.dateOfBirth().plusYears(70).isBefore(m.date())) {
                    k.elderlyPresent++;
                }
            } else if (d < 95) {
                marks.add(new Mark(x.id(), AttendanceState.ABSENT_EXCUSED, REASONS.get(r.nextInt(REASONS.size()))));
            } else {
                marks.add(new Mark(x.id(), AttendanceState.ABSENT, null));
            }
        }
        at(beforehand ? start.plusMinutes(15) : after);
        k.marked += marks.size();
        return marks.isEmpty() ? attendance.roll(m.id()) : attendance.mark(m.id(), marks);
    }

    private static MinutesDraft minutesOf(Meeting m, Roll roll, YearMonth month, Random r) {
        List<String> present = roll.entries().stream().filter(e -> e.state() == AttendanceState.PRESENT).map(e -> e.fullName()).toList();
        List<MinutesItemDraft> items = new ArrayList<>();
        for (AgendaItem a : m.agenda()) {
            List<String> speakers = present.isEmpty() ? List.of() : List.of(present.get(r.nextInt(present.size())));
            List<DecisionDraft> decisions = List.of();
            if (a.title().startsWith("Thảo luận")) {
                int voters = roll.present().official();
                int abstain = voters > 5 && r.nextInt(4) == 0 ? 1 : 0;
                decisions = List.of(new DecisionDraft(null, "Thông qua nghị quyết về nhiệm vụ tháng " + MONTH.format(month.plusMonths(1)), null,
                        new Tally(voters - abstain, 0, abstain)));
            }
            items.add(new MinutesItemDraft(a.id(), a.title(), speakers, "Chi bộ thống nhất: " + a.title().toLowerCase(java.util.Locale.ROOT) + ".",
                    decisions));
        }
        return new MinutesDraft(items, "Có mặt " + roll.present().total() + "/" + roll.members().total() + " đồng chí.", null);
    }

    /** A one-page PDF standing for the photo of the signed paper minutes. */
    private static byte[] paper(OrgUnit cell, Meeting m) {
        String text = "Bien ban sinh hoat chi bo " + cell.code() + " ngay " + m.date();
        String stream = "BT /F1 12 Tf 50 780 Td (" + text + ") Tj ET";
        String[] objects = { "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>" };
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.length; i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(o -> pdf.append(String.format("%010d 00000 n \n", o)));
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private Caller caller(String root) {
        return GrantedCaller.of(SUBJECT, "Dữ liệu mẫu sinh hoạt chi bộ / demo meetings", null, Set.of(root), PERMISSIONS);
    }

    private static Caller member(Member m) {
        return GrantedCaller.of("system:meetings-demo-member:" + m.id(), m.fullName(), m.id(), Set.of(m.cellId()),
                MeetingsPermissions.READ, MeetingsPermissions.ATTEND);
    }

    private <T> T as(Caller caller, Callable<T> work) {
        try {
            return c.callers().runAs(caller, work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
