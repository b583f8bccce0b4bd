package org.sotay.registry.impl.internal;

import java.time.LocalDate;
import java.util.regex.Pattern;

import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.registry.api.MemberDraft;
import org.sotay.registry.api.MemberStatus;

/** Validation of member data, in one place for the REST API, imports and the demo data. */
final class MemberRules {
    static final int ADMISSION_AGE = 18;
    private static final Pattern CARD = Pattern.compile("\\d{8,12}");
    private static final Pattern NAME = Pattern.compile("\\p{L}[\\p{L}\\p{M} '.-]*");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{8,15}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private MemberRules() {
    }

    /** The stored form of a card number: digits only ("21.012 345" becomes "21012345"). */
    static String normaliseCard(String card) {
        return card == null ? null : card.replaceAll("[\\s.\\-]", "");
    }

    static String normalisePhone(String phone) {
        return phone == null || phone.isBlank() ? null : phone.replaceAll("[\\s.\\-()]", "");
    }

    /** Collects every problem of a draft; {@code editing} requires the version. */
    static Validation check(MemberDraft d, boolean editing, LocalDate today) {
        Validation v = new Validation();
        String card = normaliseCard(d.cardNumber());
        v.required("cardNumber", card);
        if (card != null && !card.isEmpty()) {
            v.check(CARD.matcher(card).matches(), "cardNumber", "format",
                    Text.of("Số thẻ đảng viên gồm 8 đến 12 chữ số.", "A party card number has 8 to 12 digits."));
        }
        String name = Validation.clean(d.fullName());
        v.required("fullName", name).maxLength("fullName", name, 100);
        if (name != null && !name.isEmpty()) {
            v.check(NAME.matcher(name).matches(), "fullName", "format",
                    Text.of("Họ tên chỉ gồm chữ cái và khoảng trắng.", "A name has only letters and spaces."));
        }
        v.required("dateOfBirth", d.dateOfBirth());
        v.required("gender", d.gender());
        v.required("dateAdmitted", d.dateAdmitted());
        v.required("cellId", Validation.clean(d.cellId()));
        notFuture(v, "dateOfBirth", d.dateOfBirth(), today);
        notFuture(v, "dateAdmitted", d.dateAdmitted(), today);
        notFuture(v, "dateOfficial", d.dateOfficial(), today);
        if (d.dateOfBirth() != null && d.dateOfBirth().isBefore(LocalDate.of(1900, 1, 1))) {
            v.add("dateOfBirth", "out-of-range", Text.of("Ngày sinh không hợp lý.", "The date of birth is not plausible."));
        }
        if (d.dateOfBirth() != null && d.dateAdmitted() != null
                && d.dateAdmitted().isBefore(d.dateOfBirth().plusYears(ADMISSION_AGE))) {
            v.add("dateAdmitted", "before-admission-age", Text.of(
                    "Ngày vào Đảng phải sau khi đủ " + ADMISSION_AGE + " tuổi.",
                    "Admission must come after the " + ADMISSION_AGE + "th birthday."));
        }
        if (d.dateAdmitted() != null && d.dateOfficial() != null && d.dateOfficial().isBefore(d.dateAdmitted())) {
            v.add("dateOfficial", "before-admission", Text.of("Ngày chính thức phải sau ngày vào Đảng.",
                    "The date made official must come after the date admitted."));
        }
        String phone = normalisePhone(d.phone());
        if (phone != null) {
            v.check(PHONE.matcher(phone).matches(), "phone", "format",
                    Text.of("Số điện thoại không hợp lệ.", "The phone number is not valid."));
        }
        if (d.email() != null && !d.email().isBlank()) {
            v.check(EMAIL.matcher(d.email().strip()).matches() && d.email().length() <= 200, "email", "format",
                    Text.of("Địa chỉ email không hợp lệ.", "The email address is not valid."));
        }
        if (editing) {
            v.required("version", d.version());
        }
        return v;
    }

    private static void notFuture(Validation v, String field, LocalDate date, LocalDate today) {
        if (date != null && date.isAfter(today)) {
            v.add(field, "in-future", Text.of("Ngày không được ở tương lai.", "The date cannot be in the future."));
        }
    }

    /** Official once made official (on or before today), probationary before. */
    static MemberStatus initialStatus(MemberDraft d, LocalDate today) {
        return d.dateOfficial() != null && !d.dateOfficial().isAfter(today) ? MemberStatus.OFFICIAL : MemberStatus.PROBATIONARY;
    }

    /**
     * Where a new member's first home membership starts: the admission date, or the day the cell
     * was founded if the member was admitted before it existed (admitted elsewhere, recorded here).
     */
    static LocalDate firstMembershipFrom(LocalDate admitted, LocalDate cellFounded) {
        return cellFounded != null && admitted.isBefore(cellFounded) ? cellFounded : admitted;
    }
}
