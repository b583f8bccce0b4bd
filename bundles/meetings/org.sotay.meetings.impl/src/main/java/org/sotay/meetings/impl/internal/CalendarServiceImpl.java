package org.sotay.meetings.impl.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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
import org.sotay.meetings.api.CalendarService;
import org.sotay.meetings.api.Feed;
import org.sotay.meetings.api.FeedDraft;
import org.sotay.meetings.api.FeedScope;
import org.sotay.meetings.api.MeetingStatus;
import org.sotay.meetings.api.MeetingsPermissions;
import org.sotay.registry.api.Member;

/**
 * Calendar feeds behind private tokens (kept as SHA-256 only). A member's feed follows the member: it
 * shows the meetings of the cell they belong to when the calendar asks, and of the cells they are
 * temporarily attached to. A feed stops at once when revoked.
 */
@Component(service = CalendarService.class)
public class CalendarServiceImpl implements CalendarService {
    static final String PATH = "/v1/calendar/";
    private final Context c;

    @Activate
    public CalendarServiceImpl(@Reference MeetingsSchema schema, @Reference(target = "(osgi.unit.name=sotay-meetings)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Journal journal, @Reference java.time.Clock clock, @Reference OrgTree tree,
            @Reference MeetingsSettings settings, @Reference Roster roster, @Reference Documents documents, @Reference BlobStore blobs) {
        this(new Context(jpa, callers, journal, clock, tree, settings, roster, documents, blobs));
    }

    CalendarServiceImpl(Context c) {
        this.c = c;
    }

    @Override
    public Feed create(FeedDraft draft) {
        FeedDraft d = draft == null ? new FeedDraft(null, null) : draft;
        Validation v = new Validation();
        v.required("scope", d.scope()).maxLength("unitId", d.unitId(), 36);
        v.check(d.scope() != FeedScope.CELL || (d.unitId() != null && !d.unitId().isBlank()), "unitId", "required",
                Text.of("Lịch của chi bộ nào?", "Which cell's calendar?"));
        v.check(d.scope() != FeedScope.MEMBER || d.unitId() == null, "unitId", "not-allowed",
                Text.of("Lịch của đảng viên theo chi bộ của chính đảng viên.", "A member's feed follows the member's own cell."));
        v.throwIfInvalid();
        Caller caller = c.callers().current();
        String unit = null;
        String memberId = null;
        if (d.scope() == FeedScope.MEMBER) {
            Member self = c.roster().self();
            if (self == null) {
                throw Problems.field("scope", "member-only", "Chỉ tài khoản đảng viên có lịch của mình; hãy chọn lịch của một chi bộ.",
                        "Only a member's account has a member feed; choose a cell's feed.");
            }
            memberId = self.id();
        } else {
            unit = d.unitId().strip();
            Store.visibleUnit(c.tree(), Scope.of(caller, MeetingsPermissions.READ, c.tree()), unit);
        }
        String token = Codes.token();
        String owner = caller.subject();
        String member = memberId;
        String cell = unit;
        return c.jpa().txExpr(TransactionType.Required, em -> {
            long open = em.createQuery("SELECT COUNT(f) FROM FeedEntity f WHERE f.owner = :o AND f.revokedMs IS NULL", Long.class)
                    .setParameter("o", owner).getSingleResult();
            if (open >= 20) {
                throw SotayException.conflict(Text.of("Đã có 20 lịch đang dùng: hãy thu hồi lịch cũ.", "You have 20 feeds: revoke an old one first."));
            }
            FeedEntity f = new FeedEntity();
            f.id = UUID.randomUUID().toString();
            f.tokenHash = Codes.sha256(token);
            f.scope = d.scope().name();
            f.owner = owner;
            f.memberId = member;
            f.unitId = cell;
            f.createdMs = c.now();
            em.persist(f);
            em.flush();
            c.log(em).audit("feed.create", "feed", f.id, cell, d.scope() + " calendar feed");
            return f.toDto(PATH + token + ".ics");
        });
    }

    @Override
    public List<Feed> mine() {
        String owner = c.callers().current().subject();
        return c.jpa().txExpr(TransactionType.Required, em -> em.createQuery("SELECT f FROM FeedEntity f WHERE f.owner = :o ORDER BY f.createdMs DESC",
                FeedEntity.class).setParameter("o", owner).setMaxResults(100).getResultList().stream().map(f -> f.toDto(null)).toList());
    }

    @Override
    public void revoke(String feedId) {
        String owner = c.callers().current().subject();
        c.jpa().tx(TransactionType.Required, em -> {
            FeedEntity f = feedId == null || feedId.length() > 36 ? null : em.find(FeedEntity.class, feedId);
            if (f == null || !f.owner.equals(owner)) {
                throw SotayException.notFound(Text.of("Không có lịch này.", "There is no such feed."));
            }
            if (f.revokedMs == null) {
                f.revokedMs = c.now();
                em.flush();
                c.log(em).audit("feed.revoke", "feed", f.id, f.unitId, f.scope + " calendar feed revoked");
            }
        });
    }

    @Override
    public String ics(String token) {
        SotayException unknown = SotayException.notFound(Text.of("Không có lịch này, hoặc lịch đã bị thu hồi.", "There is no such feed, or it was revoked."));
        if (token == null || !token.matches("[A-Za-z0-9_-]{20,100}")) {
            throw unknown;
        }
        FeedEntity f = c.jpa().txExpr(TransactionType.Required, em -> em.createQuery("SELECT f FROM FeedEntity f WHERE f.tokenHash = :h",
                FeedEntity.class).setParameter("h", Codes.sha256(token)).getResultList().stream().findFirst().orElse(null));
        if (f == null || f.revokedMs != null) {
            throw unknown;
        }
        Set<String> units = new HashSet<>();
        String name;
        if (FeedScope.MEMBER.name().equals(f.scope)) {
            Member self = c.roster().as(new ModuleCaller("feed", Set.of(), Set.of(), f.memberId), () -> c.roster().self());
            if (self == null || !self.status().active()) {
                throw unknown;
            }
            units.add(self.cellId());
            units.addAll(c.roster().attachedUnits(self.id(), c.today()));
            name = "Lịch sinh hoạt chi bộ / Cell meetings";
        } else {
            units.add(f.unitId);
            name = "Lịch sinh hoạt chi bộ / Cell meetings";
        }
        long from = c.now() - Duration.ofDays(c.settings().config().feedPastDays()).toMillis();
        long to = c.now() + Duration.ofDays(c.settings().config().feedFutureDays()).toMillis();
        return c.jpa().txExpr(TransactionType.Required, em -> {
            List<MeetingEntity> meetings = new ArrayList<>();
            for (String u : units) {
                meetings.addAll(em.createQuery("SELECT m FROM MeetingEntity m WHERE m.unitId = :u AND m.startMs >= :from AND m.startMs <= :to"
                        + " ORDER BY m.startMs", MeetingEntity.class).setParameter("u", u).setParameter("from", from).setParameter("to", to)
                        .setMaxResults(500).getResultList());
            }
            Ics ics = new Ics().line("BEGIN", "VCALENDAR").line("VERSION", "2.0").line("PRODID", "-//Sotay//Meetings 1.0//VI")
                    .line("CALSCALE", "GREGORIAN").line("METHOD", "PUBLISH").text("X-WR-CALNAME", name)
                    .line("X-WR-TIMEZONE", c.zone().getId()).line("REFRESH-INTERVAL;VALUE=DURATION", "PT6H");
            for (MeetingEntity m : meetings) {
                VenueEntity venue = m.venueId == null ? null : em.find(VenueEntity.class, m.venueId);
                StringBuilder description = new StringBuilder();
                int i = 1;
                for (Agenda.Item item : Agenda.items(m.agendaJson)) {
                    description.append(i++).append(". ").append(item.title()).append('\n');
                }
                boolean cancelled = MeetingStatus.CANCELLED.name().equals(m.status);
                if (cancelled && m.cancelReason != null) {
                    description.append("Hủy / Cancelled: ").append(m.cancelReason);
                }
                ics.line("BEGIN", "VEVENT").line("UID", m.id + "@sotay").time("DTSTAMP", m.updatedMs).time("DTSTART", m.startMs)
                        .time("DTEND", m.endMs).line("SEQUENCE", Integer.toString(m.seq)).line("STATUS", cancelled ? "CANCELLED" : "CONFIRMED")
                        .text("SUMMARY", m.title).text("LOCATION", venue != null ? venue.name + (venue.address == null ? "" : ", " + venue.address)
                                : m.venueText)
                        .text("DESCRIPTION", description.length() == 0 ? null : description.toString().strip()).time("CREATED", m.registeredMs)
                        .time("LAST-MODIFIED", m.updatedMs).line("END", "VEVENT");
            }
            return ics.line("END", "VCALENDAR").toString();
        });
    }

    /** Today in the deployment's zone (for the tests). */
    LocalDate today() {
        return c.today();
    }
}
