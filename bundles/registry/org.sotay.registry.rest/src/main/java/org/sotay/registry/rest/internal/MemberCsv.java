package org.sotay.registry.rest.internal;

import java.time.LocalDate;

import org.sotay.registry.api.Member;

/** The member CSV columns (RFC 4180 quoting), shared by export and, later, import. */
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

    /** Quotes a field when it holds a comma, quote or line break; a leading =, +, - or @ is defused for spreadsheets. */
    static String q(String s) {
        if (s == null) {
            return "";
        }
        String v = s;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
