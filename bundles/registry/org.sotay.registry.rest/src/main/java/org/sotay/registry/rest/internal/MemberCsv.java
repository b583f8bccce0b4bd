package org.sotay.registry.rest.internal;

import java.time.LocalDate;

import org.sotay.registry.api.Member;

/** The member CSV columns of the export, which the import reads back. */
final class MemberCsv {
    static final String[] HEADER = { "cardNumber", "fullName", "dateOfBirth", "gender", "ethnicity", "dateAdmitted", "dateOfficial", "status",
            "cellCode", "phone", "email", "usesSmartphone", "appInstalled", "accountRegistered" };

    private MemberCsv() {
    }

    static String[] row(Member m, String cellCode) {
        return new String[] { m.cardNumber(), m.fullName(), d(m.dateOfBirth()), m.gender() == null ? null : m.gender().name(), m.ethnicity(),
                d(m.dateAdmitted()), d(m.dateOfficial()), m.status().name(), cellCode, m.phone(), m.email(),
                Boolean.toString(m.usesSmartphone()), Boolean.toString(m.appInstalled()), Boolean.toString(m.accountRegistered()) };
    }

    private static String d(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
