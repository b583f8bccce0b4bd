package org.sotay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The secretary's path over HTTP, on the real distribution: a monthly pattern, the proposal confirmed
 * (and moved to now) in one call, a member who sees it and checks in with the code, an elderly member
 * marked present and another absent with a reason, a vote in which a probationary member's vote is
 * refused, approval; the roll's counts; an edit after approval refused; a correction as a new version;
 * an offline batch sent twice; the member's calendar feed with a cancelled meeting; a secretary of
 * another cell who sees nothing of it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class MeetingsIT extends SotayTestSupport {
    private static final String PASSWORD = "mat khau thu nghiem 1";

    private static JsonNode ok(HttpResponse<String> r, int status) {
        assertEquals(r.uri() + " " + r.body(), status, r.statusCode());
        return r.body().isEmpty() ? null : json(r);
    }

    private static String staff(String admin, String username, String unit, String role) {
        String id = ok(bearer(admin, "POST", "/v1/accounts", "{\"username\":\"" + username + "\",\"displayName\":\"" + username
                + "\",\"kind\":\"STAFF\",\"homeUnitId\":\"" + unit + "\",\"password\":\"" + PASSWORD + "\"}"), 201).path("account").path("id").asText();
        ok(bearer(admin, "POST", "/v1/accounts/" + id + "/grants", "{\"role\":\"" + role + "\",\"unitId\":\"" + unit + "\"}"), 201);
        return tokenOf(username, PASSWORD);
    }

    private static String member(String admin, JsonNode m) {
        String code = ok(bearer(admin, "POST", "/v1/activation-codes", "{\"memberId\":\"" + m.path("id").asText() + "\"}"), 201).path("code").asText();
        ok(bearer(null, "POST", "/v1/auth/register", "{\"cardNumber\":\"" + m.path("cardNumber").asText() + "\",\"dateOfBirth\":\""
                + m.path("dateOfBirth").asText() + "\",\"activationCode\":\"" + code + "\",\"password\":\"" + PASSWORD + "\"}"), 201);
        return tokenOf(m.path("cardNumber").asText(), PASSWORD);
    }

    @Test
    public void theSecretarysPathFromPatternToApprovedMinutes() {
        awaitHealthy();
        await("the meetings module", 120, () -> get("/openapi.json").body().contains("/v1/meetings/cells/{unitId}/proposal/confirm"));
        String admin = adminToken();

        // a cell with a probationary member, and two more members of it without accounts
        JsonNode probationary = ok(bearer(admin, "GET", "/v1/members?status=PROBATIONARY&limit=1", null), 200).path("items").get(0);
        String cell = probationary.path("cellId").asText();
        JsonNode officials = ok(bearer(admin, "GET", "/v1/members?unit=" + cell + "&status=OFFICIAL&accountRegistered=false&limit=5", null), 200)
                .path("items");
        assertTrue("the cell has official members", officials.size() >= 3);
        JsonNode an = officials.get(0);
        JsonNode elderly = officials.get(1);
        JsonNode absent = officials.get(2);
        JsonNode other = ok(bearer(admin, "GET", "/v1/members?status=OFFICIAL&limit=200", null), 200).path("items");
        String otherCell = null;
        for (JsonNode m : other) {
            if (!m.path("cellId").asText().equals(cell)) {
                otherCell = m.path("cellId").asText();
                break;
            }
        }
        String secretary = staff(admin, "bi.thu.itest", cell, "CELL_SECRETARY");
        String otherSecretary = staff(admin, "bi.thu.khac.itest", otherCell, "CELL_SECRETARY");
        String memberToken = member(admin, an);

        // the pattern once: the 5th of every month at 19:30, at the village cultural house
        String venue = ok(bearer(secretary, "POST", "/v1/meetings/cells/" + cell + "/venues",
                "{\"name\":\"Nhà văn hóa thôn\",\"internet\":false}"), 201).path("id").asText();
        JsonNode pattern = ok(bearer(secretary, "PUT", "/v1/meetings/cells/" + cell + "/pattern", "{\"dayOfMonth\":5,\"time\":\"19:30\",\"venueId\":\""
                + venue + "\",\"agenda\":[\"Kiểm điểm tháng trước\",\"Nhiệm vụ tháng tới\"]}"), 200);
        assertEquals(90, pattern.path("durationMinutes").asInt());
        JsonNode proposal = ok(bearer(secretary, "GET", "/v1/meetings/cells/" + cell + "/proposal", null), 200);
        assertEquals("pattern", proposal.path("basis").asText());
        assertEquals(venue, proposal.path("draft").path("venueId").asText());

        // the one call: confirmed, and moved to now (the cell meets tonight)
        ZonedDateTime now = ZonedDateTime.now(VIETNAM).minusMinutes(5);
        if (now.toLocalDate().isBefore(LocalDateTime.now(VIETNAM).toLocalDate())) {
            now = ZonedDateTime.now(VIETNAM).withHour(0).withMinute(0);
        }
        String date = now.toLocalDate().toString();
        String time = now.format(DateTimeFormatter.ofPattern("HH:mm"));
        JsonNode meeting = ok(bearer(secretary, "POST", "/v1/meetings/cells/" + cell + "/proposal/confirm", "{\"month\":\"" + date.substring(0, 7)
                + "\",\"date\":\"" + date + "\",\"time\":\"" + time + "\"}"), 201);
        String id = meeting.path("id").asText();
        String code = meeting.path("checkInCode").asText();
        assertEquals(2, meeting.path("agenda").size());
        assertEquals("Nhà văn hóa thôn", meeting.path("venueName").asText());

        // the member sees it (without the code) and checks in with the code read out at the opening
        JsonNode seen = ok(bearer(memberToken, "GET", "/v1/meetings/" + id, null), 200);
        assertFalse(seen.has("checkInCode"));
        assertTrue(ok(bearer(memberToken, "GET", "/v1/meetings?unit=" + cell, null), 200).path("total").asInt() >= 1);
        JsonNode checkedIn = ok(bearer(memberToken, "POST", "/v1/meetings/check-in", "{\"code\":\"" + code.toLowerCase() + "\"}"), 200);
        assertEquals("PRESENT", checkedIn.path("state").asText());
        assertEquals("SELF", checkedIn.path("source").asText());
        assertEquals(an.path("id").asText(), checkedIn.path("memberId").asText());

        // the secretary marks an elderly member present and another absent with a reason
        JsonNode roll = ok(bearer(secretary, "POST", "/v1/meetings/" + id + "/attendance", "{\"marks\":[{\"memberId\":\""
                + elderly.path("id").asText() + "\",\"state\":\"PRESENT\"},{\"memberId\":\"" + absent.path("id").asText()
                + "\",\"state\":\"ABSENT_EXCUSED\",\"reason\":\"Ốm, đã báo chi bộ\"},{\"memberId\":\"" + probationary.path("id").asText()
                + "\",\"state\":\"PRESENT\"}]}"), 200);
        assertEquals(3, roll.path("present").path("total").asInt());
        assertEquals(2, roll.path("present").path("official").asInt());
        assertEquals(1, roll.path("present").path("probationary").asInt());
        assertEquals(1, roll.path("absentExcused").asInt());
        assertEquals(absent.path("fullName").asText(), roll.path("absentWithReason").get(0).path("fullName").asText());
        assertEquals(3, roll.path("markedBySecretary").asInt());
        assertEquals(1, roll.path("selfCheckIns").asInt());
        int members = roll.path("members").path("total").asInt();
        assertTrue(members >= 4);

        // a vote in which the probationary member's vote is refused, then the vote as it stands
        String vote = "{\"items\":[{\"title\":\"Nhiệm vụ tháng tới\",\"speakers\":[\"" + an.path("fullName").asText() + "\"],\"decisions\":[{\"text\":"
                + "\"Thông qua kế hoạch tháng\",\"votes\":[{\"memberId\":\"" + an.path("id").asText() + "\",\"choice\":\"FOR\"},{\"memberId\":\""
                + elderly.path("id").asText() + "\",\"choice\":\"FOR\"}%s]}]}]%s}";
        HttpResponse<String> refused = bearer(secretary, "PUT", "/v1/meetings/" + id + "/minutes", String.format(vote, ",{\"memberId\":\""
                + probationary.path("id").asText() + "\",\"choice\":\"FOR\"}", ""));
        assertEquals(refused.body(), 400, refused.statusCode());
        assertEquals("not-eligible", json(refused).path("errors").get(0).path("code").asText());
        assertEquals("items[0].decisions[0].votes[2].memberId", json(refused).path("errors").get(0).path("field").asText());
        JsonNode minutes = ok(bearer(secretary, "PUT", "/v1/meetings/" + id + "/minutes", String.format(vote, "", "")), 200);
        JsonNode decision = minutes.path("items").get(0).path("decisions").get(0);
        assertEquals(2, decision.path("tally").path("votesFor").asInt());
        assertEquals(2, decision.path("eligiblePresent").asInt());
        long version = minutes.path("version").asLong();
        ok(bearer(secretary, "POST", "/v1/meetings/" + id + "/minutes/approve", "{\"version\":" + version + "}"), 200);
        assertEquals("HELD", ok(bearer(memberToken, "GET", "/v1/meetings/" + id, null), 200).path("status").asText());
        assertEquals("APPROVED", ok(bearer(memberToken, "GET", "/v1/meetings/" + id, null), 200).path("minutes").asText());

        // an edit after approval is refused; a correction makes a new version and the old one stays readable
        HttpResponse<String> locked = bearer(secretary, "PUT", "/v1/meetings/" + id + "/minutes", String.format(vote, "", ",\"version\":" + version));
        assertEquals(locked.body(), 409, locked.statusCode());
        assertEquals("urn:sotay:problem:meetings.minutes-locked", json(locked).path("type").asText());
        JsonNode correction = ok(bearer(secretary, "POST", "/v1/meetings/" + id + "/minutes/corrections", "{\"reason\":\"Ghi thiếu ý kiến\"}"), 201);
        assertEquals(2, correction.path("number").asInt());
        assertEquals(2, ok(bearer(memberToken, "GET", "/v1/meetings/" + id + "/minutes/versions", null), 200).size());
        assertEquals("APPROVED", ok(bearer(memberToken, "GET", "/v1/meetings/" + id + "/minutes/versions/1", null), 200).path("status").asText());

        // the roll as the minutes open, polled with its ETag
        HttpResponse<String> r = bearer(memberToken, "GET", "/v1/meetings/" + id + "/attendance", null);
        String etag = r.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, http("GET", "/v1/meetings/" + id + "/attendance", null, "Authorization", "Bearer " + memberToken, "If-None-Match", etag)
                .statusCode());

        // a secretary of another cell can neither see nor change it
        assertEquals(404, bearer(otherSecretary, "GET", "/v1/meetings/" + id, null).statusCode());
        assertEquals(404, bearer(otherSecretary, "POST", "/v1/meetings/" + id + "/attendance", "{\"marks\":[{\"memberId\":\""
                + an.path("id").asText() + "\",\"state\":\"ABSENT\"}]}").statusCode());
        assertEquals(404, bearer(otherSecretary, "GET", "/v1/meetings/cells/" + cell + "/pattern", null).statusCode());
    }

    @Test
    public void anOfflineBatchTwiceChangesNothingAndTheCalendarShowsACancelledMeeting() {
        awaitHealthy();
        await("the meetings module", 120, () -> get("/openapi.json").body().contains("/v1/meetings/{id}/batches"));
        String admin = adminToken();
        JsonNode pick = ok(bearer(admin, "GET", "/v1/members?status=OFFICIAL&accountRegistered=false&limit=200", null), 200).path("items");
        JsonNode m = pick.get(pick.size() - 1);
        String cell = m.path("cellId").asText();
        String secretary = staff(admin, "bi.thu.offline.itest", cell, "CELL_SECRETARY");
        String memberToken = member(admin, m);
        String yesterday = ZonedDateTime.now(VIETNAM).minusDays(1).toLocalDate().toString();
        JsonNode held = ok(bearer(secretary, "POST", "/v1/meetings", "{\"unitId\":\"" + cell + "\",\"date\":\"" + yesterday + "\",\"time\":\"19:30\"}"),
                201);
        assertTrue("registered after it was held", held.path("recordedLate").asBoolean());
        String at = ZonedDateTime.now(VIETNAM).minusDays(1).withHour(19).withMinute(40).toInstant().toString();
        String batch = "{\"batchId\":\"dev-1:batch-1\",\"attendance\":[{\"clientId\":\"dev-1:1\",\"memberId\":\"" + m.path("id").asText()
                + "\",\"state\":\"PRESENT\",\"at\":\"" + at + "\"}]}";
        JsonNode first = ok(bearer(secretary, "POST", "/v1/meetings/" + held.path("id").asText() + "/batches", batch), 200);
        assertEquals("APPLIED", first.path("outcomes").get(0).path("outcome").asText());
        String rollBefore = bearer(secretary, "GET", "/v1/meetings/" + held.path("id").asText() + "/attendance", null).body();
        JsonNode second = ok(bearer(secretary, "POST", "/v1/meetings/" + held.path("id").asText() + "/batches", batch), 200);
        assertTrue(second.path("replay").asBoolean());
        assertEquals(first.path("outcomes"), second.path("outcomes"));
        assertEquals(rollBefore, bearer(secretary, "GET", "/v1/meetings/" + held.path("id").asText() + "/attendance", null).body());

        // the member's calendar: a meeting cancelled shows as cancelled, in place
        String nextWeek = ZonedDateTime.now(VIETNAM).plusDays(7).toLocalDate().toString();
        JsonNode coming = ok(bearer(secretary, "POST", "/v1/meetings", "{\"unitId\":\"" + cell + "\",\"date\":\"" + nextWeek + "\",\"time\":\"08:00\"}"),
                201);
        String path = ok(bearer(memberToken, "POST", "/v1/meetings/feeds", "{\"scope\":\"MEMBER\"}"), 201).path("path").asText();
        HttpResponse<String> ics = get(path);
        assertEquals(200, ics.statusCode());
        assertTrue(ics.headers().firstValue("Content-Type").orElse("").startsWith("text/calendar"));
        assertTrue(ics.body().startsWith("BEGIN:VCALENDAR\r\n"));
        assertTrue(ics.body().contains("UID:" + coming.path("id").asText() + "@sotay"));
        ok(bearer(secretary, "POST", "/v1/meetings/" + coming.path("id").asText() + "/cancel", "{\"reason\":\"Bão\",\"version\":"
                + coming.path("version").asLong() + "}"), 200);
        String after = get(path).body();
        String event = after.substring(after.indexOf("UID:" + coming.path("id").asText()));
        event = event.substring(0, event.indexOf("END:VEVENT"));
        assertTrue(event, event.contains("STATUS:CANCELLED"));
        assertTrue(event, event.contains("SEQUENCE:1"));
        assertEquals("no token, no calendar", 404, get("/v1/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics").statusCode());
    }
}
