package org.sotay.registry.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;
import org.sotay.core.testing.TestClock;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.api.StatusChange;
import org.sotay.registry.api.TransferDraft;
import org.sotay.registry.api.TransferKind;

/**
 * "Today" is Vietnam's, whatever the server's zone: on a server set to UTC, at 01:00 in Vietnam
 * (18:00 the day before in UTC), a change dated today in Vietnam is accepted, not refused as "in the
 * future". (With the JVM's zone, as before, it was refused between 00:00 and 07:00.)
 */
class DeploymentZoneTest {
    @Test
    void aChangeDatedTodayInVietnamIsAcceptedOnAServerInUtcAtOneInTheMorning() {
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        TestClock clock = TestClock.at(LocalDateTime.of(2026, 12, 2, 1, 0));
        try (RegistryFixture f = RegistryFixture.start(clock)) {
            LocalDate vietnamToday = LocalDate.of(2026, 12, 2);
            assertEquals(LocalDate.of(2026, 12, 1), LocalDate.ofInstant(clock.instant(), TimeZone.getDefault().toZoneId()),
                    "in the server's own zone it is still yesterday");
            Member m = f.member(f.cellA1, "Ma Thế Hồng");
            Member exempt = f.members.changeStatus(m.id(), new StatusChange(MemberStatus.EXEMPT, vietnamToday, "sức khỏe yếu", m.version()));
            assertEquals(vietnamToday, exempt.statusSince());
            Member moved = f.members.transfer(m.id(), new TransferDraft(f.cellA2, TransferKind.OFFICIAL, vietnamToday, null, null,
                    exempt.version()));
            assertEquals(f.cellA2, moved.cellId());
            // and with no date at all, today is Vietnam's
            Member other = f.member(f.cellA1, "Hà Văn Long");
            assertEquals(vietnamToday, f.members.changeStatus(other.id(), new StatusChange(MemberStatus.EXEMPT, null, "ốm", other.version()))
                    .statusSince());
        } finally {
            TimeZone.setDefault(saved);
        }
    }
}
