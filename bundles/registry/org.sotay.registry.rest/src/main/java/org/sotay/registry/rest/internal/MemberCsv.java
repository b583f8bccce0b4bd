package org.sotay.registry.rest.internal;

import java.time.LocalDate;

import org.sotay.core.api.Csv;
import org.sotay.registry.api.Member;

/** The member CSV columns of the export (quoting by {@link Csv#field}). */
final class MemberCsv {
    static final String HEADER = "cardNumber,fullName,dateOfBirth,gender,ethnicity,dateAdmitted,dateOfficial,status,cellCode,"
            + "phone,email,usesSmartphone,appInstalled,accountRegistered";

    private MemberCsv() {
    }

    static String row(Member m, String cellCode) {
        return String.join(",", q(m.cardNumber()), q(m.fullName()), d(m.dateOfBirth()), q(m.gender() == null ? null : m.gender().name()),
                q(m.ethnicity()), d(m.dateAdmitted()), d(m.dateOfficial()), q(m.status().name()), q(cellCode), q(m.phone()), q(m.email()),
                Boolean.toString(m.usesSmartphone()), Boolean.toString(m.appInstalled()), Boolean.toString(m.accountRegistered()));
    }

    private static String d(LocalDate date) {
        return date == null ? "" : date.toString();
    }

    private static String q(String s) {
        return Csv.field(s);
    }
}
