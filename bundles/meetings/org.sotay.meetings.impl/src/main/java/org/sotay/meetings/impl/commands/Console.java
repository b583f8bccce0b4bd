package org.sotay.meetings.impl.commands;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sotay.core.api.SotayException;
import org.sotay.meetings.api.Meeting;
import org.sotay.meetings.api.MinutesState;
import org.sotay.registry.api.OrgUnit;
import org.sotay.registry.api.OrgUnitService;

/** What the meeting commands share: parsing the operator's words, naming units, printing a meeting's state in both languages. */
final class Console {
    private Console() {
    }

    /** A thrown message for the operator, Vietnamese then English. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String vi, String en) {
            super(vi + " / " + en);
        }
    }

    static LocalDate date(String option, String value) throws Refused {
        try {
            return value == null ? null : LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new Refused("Ngày không hợp lệ (" + option + ", dạng YYYY-MM-DD): " + value, "Not a date (" + option + ", YYYY-MM-DD): " + value);
        }
    }

    static YearMonth month(String option, String value) throws Refused {
        try {
            return value == null ? null : YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new Refused("Tháng không hợp lệ (" + option + ", dạng YYYY-MM): " + value, "Not a month (" + option + ", YYYY-MM): " + value);
        }
    }

    /** The message of a service's refusal in the operator's language. */
    static String message(SotayException e, boolean english) {
        return e.detail().in(english ? Locale.ENGLISH : null);
    }

    /** Unit names looked up once each, through the registry's API. */
    static final class Names {
        private final OrgUnitService units;
        private final Map<String, OrgUnit> seen = new HashMap<>();

        Names(OrgUnitService units) {
            this.units = units;
        }

        String of(String unitId) {
            OrgUnit u = seen.computeIfAbsent(unitId, id -> {
                try {
                    return units.get(id);
                } catch (SotayException gone) {
                    return null;
                }
            });
            return u == null ? unitId : u.code() + "  " + u.name();
        }
    }

    static String registration(Meeting m, boolean en) {
        if (m.recordedLate()) {
            return en ? "recorded late" : "ghi bù";
        }
        return m.registeredBeforeDeadline() ? (en ? "on time" : "đúng hạn") : (en ? "late" : "muộn");
    }

    static String status(Meeting m, boolean en) {
        return switch (m.status()) {
        case SCHEDULED -> en ? "scheduled" : "đã đăng ký";
        case HELD -> en ? "held" : "đã họp";
        case CANCELLED -> en ? "cancelled" : "đã hủy";
        };
    }

    static String minutes(MinutesState s, boolean en) {
        return switch (s) {
        case NONE -> en ? "no minutes" : "chưa có biên bản";
        case DRAFT -> en ? "minutes draft" : "biên bản nháp";
        case APPROVED -> en ? "minutes approved" : "biên bản đã thông qua";
        case PAPER -> en ? "paper minutes" : "biên bản giấy";
        };
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    static <T> List<T> first(List<T> all, int n) {
        return all.size() <= n ? all : all.subList(0, n);
    }
}
