package org.sotay.registry.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sotay.core.api.FieldError;
import org.sotay.registry.api.Gender;
import org.sotay.registry.api.MemberDraft;
import org.sotay.registry.api.MemberStatus;

class MemberRulesTest {
    private static final LocalDate TODAY = LocalDate.of(2024, 5, 25);

    private static MemberDraft draft(String card, LocalDate born, LocalDate admitted, LocalDate official) {
        return new MemberDraft(card, "Ma Thế Hồng", born, Gender.MALE, "Tày", admitted, official, "cell-1", null, "0912 345 678",
                null, true, null);
    }

    private static List<String> faults(MemberDraft d) {
        return MemberRules.check(d, false, TODAY).errors().stream().map(f -> f.field() + ":" + f.code()).toList();
    }

    @Test
    void aPlausibleMemberPasses() {
        MemberDraft d = draft("08.000 123", LocalDate.of(1970, 1, 2), LocalDate.of(1995, 3, 1), LocalDate.of(1996, 3, 1));
        assertFalse(MemberRules.check(d, false, TODAY).hasErrors());
        assertEquals("08000123", MemberRules.normaliseCard(d.cardNumber()));
        assertEquals(MemberStatus.OFFICIAL, MemberRules.initialStatus(d, TODAY));
        assertEquals(MemberStatus.PROBATIONARY, MemberRules.initialStatus(draft("08000123", LocalDate.of(2000, 1, 1),
                LocalDate.of(2024, 1, 1), null), TODAY));
    }

    @Test
    void datesMustComeInAPossibleOrder() {
        assertEquals(List.of("dateAdmitted:before-admission-age"),
                faults(draft("08000123", LocalDate.of(2010, 1, 1), LocalDate.of(2020, 1, 1), null)));
        assertEquals(List.of("dateOfficial:before-admission"),
                faults(draft("08000123", LocalDate.of(1970, 1, 1), LocalDate.of(2000, 1, 1), LocalDate.of(1999, 1, 1))));
        assertEquals(List.of("dateAdmitted:in-future"),
                faults(draft("08000123", LocalDate.of(1970, 1, 1), TODAY.plusDays(1), null)));
    }

    @Test
    void everyFaultIsReportedAtOnce() {
        MemberDraft d = new MemberDraft("12AB", "Nguyễn 3", null, null, null, null, null, " ", null, "abc", "not-an-email", null, null);
        List<FieldError> errors = MemberRules.check(d, true, TODAY).errors();
        assertEquals(List.of("cardNumber:format", "fullName:format", "dateOfBirth:required", "gender:required",
                "dateAdmitted:required", "cellId:required", "phone:format", "email:format", "version:required"),
                errors.stream().map(f -> f.field() + ":" + f.code()).toList());
    }

    @Test
    void aFirstMembershipNeverStartsBeforeItsCell() {
        LocalDate founded = LocalDate.of(2025, 7, 1);
        assertEquals(founded, MemberRules.firstMembershipFrom(LocalDate.of(1990, 5, 19), founded));
        assertEquals(LocalDate.of(2026, 1, 3),
                MemberRules.firstMembershipFrom(LocalDate.of(2026, 1, 3), founded));
    }
}
