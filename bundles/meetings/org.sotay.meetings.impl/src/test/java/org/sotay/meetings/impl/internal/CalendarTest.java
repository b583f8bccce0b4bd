package org.sotay.meetings.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sotay.core.api.SotayException;
import org.sotay.meetings.api.CancelDraft;
import org.sotay.meetings.api.Feed;
import org.sotay.meetings.api.FeedDraft;
import org.sotay.meetings.api.FeedScope;
import org.sotay.meetings.api.Meeting;
import org.sotay.meetings.api.MeetingDraft;
import org.sotay.meetings.api.MoveDraft;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberStatus;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/** The iCalendar feeds, read back with a real RFC 5545 parser (ical4j): stable UIDs, SEQUENCE, STATUS:CANCELLED, revocable tokens. */
class CalendarTest {
    private MeetingsFixture f;
    private Member an;

    @BeforeEach
    void start() {
        f = new MeetingsFixture();
        an = f.registry.add("m-an", "Chẩu Văn An", MeetingsFixture.CELL, MemberStatus.OFFICIAL);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static List<VEvent> events(String ics) throws Exception {
        Calendar cal = new CalendarBuilder().build(new StringReader(ics));
        cal.validate();
        return cal.getComponents(Component.VEVENT).stream().map(c -> (VEvent) c).toList();
    }

    private static String token(Feed feed) {
        return feed.path().substring(CalendarServiceImpl.PATH.length(), feed.path().length() - ".ics".length());
    }

    @Test
    void aMembersFeedParsesAndMovedAndCancelledMeetingsUpdateInPlace() throws Exception {
        f.as(f.secretary(MeetingsFixture.CELL));
        Meeting a = f.meetings.create(new MeetingDraft(MeetingsFixture.CELL, null, "Sinh hoạt chi bộ tháng 12; học tập, thảo luận, biểu quyết \\ 100%",
                LocalDate.of(2026, 12, 5), "19:30", null, null, "Nhà văn hóa thôn Nà Hang, xã Yên Hoa, huyện Na Hang, tỉnh Tuyên Quang (đường vào bản)", null,
                null, null, null));
        Meeting b = f.meetings.create(new MeetingDraft(MeetingsFixture.CELL, "THEMATIC", null, LocalDate.of(2027, 1, 9), "08:00", null, null, null, null,
                null, null, null));
        f.as(f.member(an));
        Feed feed = f.calendars.create(new FeedDraft(FeedScope.MEMBER, null));
        assertTrue(feed.path().startsWith("/v1/calendar/") && feed.path().endsWith(".ics"), feed.path());
        assertNull(f.calendars.mine().get(0).path(), "the token is shown once");

        List<VEvent> events = events(f.calendars.ics(token(feed)));
        assertEquals(2, events.size());
        VEvent first = events.get(0);
        assertEquals(a.id() + "@sotay", first.getUid().getValue());
        assertEquals(a.title(), first.getSummary().getValue(), "escaped and folded text reads back the same");
        assertEquals("20261205T123000Z", first.getStartDate().getValue());
        assertEquals("CONFIRMED", first.getStatus().getValue());
        assertEquals(0, first.getSequence().getSequenceNo());

        f.as(f.secretary(MeetingsFixture.CELL));
        Meeting moved = f.meetings.move(b.id(), new MoveDraft(LocalDate.of(2027, 1, 10), "08:00", null, "Trùng lễ", b.version()));
        f.meetings.cancel(a.id(), new CancelDraft("Bão", a.version()));
        events = events(f.calendars.ics(token(feed)));
        assertEquals(2, events.size(), "a cancelled meeting stays in the feed, cancelled");
        VEvent cancelled = events.stream().filter(e -> e.getUid().getValue().equals(a.id() + "@sotay")).findFirst().orElseThrow();
        assertEquals("CANCELLED", cancelled.getProperty(Property.STATUS).getValue());
        assertEquals(1, cancelled.getSequence().getSequenceNo());
        VEvent second = events.stream().filter(e -> e.getUid().getValue().equals(b.id() + "@sotay")).findFirst().orElseThrow();
        assertEquals("20270110T010000Z", second.getStartDate().getValue());
        assertEquals(moved.sequence(), second.getSequence().getSequenceNo());

        f.as(f.member(an));
        f.calendars.revoke(feed.id());
        assertEquals(404, assertThrows(SotayException.class, () -> f.calendars.ics(token(feed))).type().status(), "revoked at once");
        assertEquals(404, assertThrows(SotayException.class, () -> f.calendars.ics("not-a-token-but-long-enough")).type().status());
    }

    @Test
    void aCellFeedNeedsTheCellInScopeAndStaffHaveNoMemberFeed() throws Exception {
        f.as(f.secretary(MeetingsFixture.CELL));
        assertEquals(404, assertThrows(SotayException.class, () -> f.calendars.create(new FeedDraft(FeedScope.CELL, MeetingsFixture.OTHER_CELL)))
                .type().status());
        assertEquals("member-only", assertThrows(SotayException.class, () -> f.calendars.create(new FeedDraft(FeedScope.MEMBER, null))).errors()
                .get(0).code());
        Feed feed = f.calendars.create(new FeedDraft(FeedScope.CELL, MeetingsFixture.CELL));
        assertEquals(0, events(f.calendars.ics(token(feed))).size());
        f.as(f.member(an));
        assertEquals(404, assertThrows(SotayException.class, () -> f.calendars.revoke(feed.id())).type().status(), "only its owner revokes it");
    }
}
