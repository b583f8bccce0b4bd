package org.sotay.identity.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sotay.identity.api.Role;

/** Who to tell: holders of a permission at a unit (exactly, or from above), and the members' accounts of a subtree. */
class RecipientsTest {
    private IdentityFixture f;
    private RecipientsImpl recipients;

    @BeforeEach
    void start() {
        f = new IdentityFixture();
        recipients = new RecipientsImpl(f.jpa, f.settings, f.tree, f.p.systemClock());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void holdersAtAUnitExactlyOrFromAboveAndMembersOfASubtree() {
        String secretary = f.staff("bi.thu", Role.CELL_SECRETARY, IdentityFixture.CELL);
        String staff = f.staff("can.bo", Role.COMMITTEE_STAFF, IdentityFixture.DISTRICT);
        String otherSecretary = f.staff("bi.thu.khac", Role.CELL_SECRETARY, IdentityFixture.OTHER_CELL);
        String helper = f.staff("tro.giup", Role.INSTALL_HELPER, IdentityFixture.CELL);
        String an = f.member("0800000001", "Chẩu Văn An", IdentityFixture.CELL);
        String ba = f.member("0800000002", "Nông Văn Ba", IdentityFixture.CELL);
        f.member("0800000003", "Hoàng Văn Cường", IdentityFixture.OTHER_CELL);

        assertEquals(List.of(secretary), recipients.holding("meetings.manage", IdentityFixture.CELL, true), "the secretary of the cell");
        assertEquals(List.of(staff), recipients.holding("meetings.manage", IdentityFixture.DISTRICT, true), "the staff of the committee above");
        List<String> above = recipients.holding("meetings.manage", IdentityFixture.CELL, false);
        assertEquals(2, above.size(), above.toString());
        assertEquals(true, above.contains(staff) && above.contains(secretary));
        assertEquals(List.of(), recipients.holding("meetings.manage", IdentityFixture.OTHER_CELL, true).stream().filter(a -> !a.equals(otherSecretary))
                .toList());
        assertEquals(List.of(), recipients.holding("identity.grant.manage", IdentityFixture.CELL, true), "the helper holds no such permission");
        assertEquals(List.of(helper), recipients.holding("identity.code.issue", IdentityFixture.CELL, true).stream().filter(a -> a.equals(helper))
                .toList());
        assertEquals(List.of(an, ba).stream().sorted().toList(), recipients.membersOf(IdentityFixture.CELL));
        assertEquals(2, recipients.membersOf(IdentityFixture.DISTRICT).size());
        assertEquals(3, recipients.membersOf(IdentityFixture.ROOT).size());
        assertEquals(List.of(), recipients.membersOf("no-such-unit"));

        // a locked account is told nothing
        f.as(f.root());
        f.accounts.lock(secretary, "nghỉ việc", null);
        assertEquals(List.of(), recipients.holding("meetings.manage", IdentityFixture.CELL, true));
    }
}
