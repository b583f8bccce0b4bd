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
    /** The earliest date the registry takes (a birth, an admission, an effective date). */
    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    /** Column widths of REG_MEMBER, which the texts and their derived keys must fit. */
    static final int NAME_MAX = 100;
    static final int NAME_KEY_MAX = 100;
    static final int SORT_KEY_MAX = 400;
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
        v.required("fullName", name).text("fullName", name, NAME_MAX);
        if (name != null && !name.isEmpty()) {
            v.check(NAME.matcher(name).matches(), "fullName", "format",
                    Text.of("Họ tên chỉ gồm chữ cái và khoảng trắng.", "A name has only letters and spaces."));
        }
        v.required("dateOfBirth", d.dateOfBirth());
        v.required("gender", d.gender());
        v.required("dateAdmitted", d.dateAdmitted());
        v.required("cellId", Validation.clean(d.cellId())).maxLength("cellId", d.cellId(), 36);
        v.text("ethnicity", Validation.clean(d.ethnicity()), 50);
        v.text("residenceUnitId", Validation.clean(d.residenceUnitId()), 36);
        boolean born = inRange(v, "dateOfBirth", d.dateOfBirth(), today);
        boolean admitted = inRange(v, "dateAdmitted", d.dateAdmitted(), today);
        boolean official = inRange(v, "dateOfficial", d.dateOfficial(), today);
        if (born && admitted && d.dateOfBirth() != null && d.dateAdmitted() != null
                && d.dateAdmitted().isBefore(d.dateOfBirth().plusYears(ADMISSION_AGE))) {
            v.add("dateAdmitted", "before-admission-age", Text.of(
                    "Ngày vào Đảng phải sau khi đủ " + ADMISSION_AGE + " tuổi.",
                    "Admission must come after the " + ADMISSION_AGE + "th birthday."));
        }
        if (admitted && official && d.dateAdmitted() != null && d.dateOfficial() != null && d.dateOfficial().isBefore(d.dateAdmitted())) {
            v.add("dateOfficial", "before-admission", Text.of("Ngày chính thức phải sau ngày vào Đảng.",
                    "The date made official must come after the date admitted."));
        }
        String phone = normalisePhone(d.phone());
        if (phone != null) {
            v.check(PHONE.matcher(phone).matches(), "phone", "format",
                    Text.of("Số điện thoại không hợp lệ.", "The phone number is not valid."));
        }
        if (d.email() != null && !d.email().isBlank()) {
            v.check(EMAIL.matcher(d.email().strip()).matches() && d.email().length() <= 200 && Validation.plain(d.email(), false), "email",
                    "format", Text.of("Địa chỉ email không hợp lệ.", "The email address is not valid."));
        }
        if (editing) {
            v.required("version", d.version());
        }
        return v;
    }

    /** A date of the past: from {@link #EARLIEST} to today; {@code false} (with the error added) when not. */
    static boolean inRange(Validation v, String field, LocalDate date, LocalDate today) {
        if (date == null) {
            return true;
        }
        if (date.isAfter(today)) {
            v.add(field, "in-future", Text.of("Ngày không được ở tương lai.", "The date cannot be in the future."));
            return false;
        }
        if (date.isBefore(EARLIEST)) {
            v.add(field, "out-of-range", Text.of("Ngày phải từ " + EARLIEST + " trở đi.", "The date must be " + EARLIEST + " or later."));
            return false;
        }
        return true;
    }

    /** The stored search key of a name: folded, cut to its column. */
    static String nameKey(String name) {
        return cut(org.sotay.core.api.VietnameseText.fold(name), NAME_KEY_MAX);
    }

    /** The stored sort key of a name: Vietnamese order, cut to its column (ordering beyond it is by id). */
    static String sortKey(String name) {
        return cut(org.sotay.core.api.VietnameseText.nameSortKey(name), SORT_KEY_MAX);
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
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
