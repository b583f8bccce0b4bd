package org.sotay.meetings.impl.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;

/** Local times and the pattern's dates, in the deployment's zone. */
final class Times {
    private Times() {
    }

    /** {@code HH:mm} (00:00 to 23:59), or {@code null} when it is not one. */
    static LocalTime time(String s) {
        if (s == null || !s.strip().matches("([01]\\d|2[0-3]):[0-5]\\d")) {
            return null;
        }
        return LocalTime.parse(s.strip());
    }

    /** {@code yyyy-MM}, or {@code null}. */
    static YearMonth month(String s) {
        if (s == null || !s.strip().matches("\\d{4}-\\d{2}")) {
            return null;
        }
        try {
            return YearMonth.parse(s.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The pattern's day in {@code month}: the day of the month (clamped to its length), or the n-th (-1: last) weekday. */
    static LocalDate day(YearMonth month, Integer dayOfMonth, Integer weekOfMonth, DayOfWeek weekday) {
        if (dayOfMonth != null) {
            return month.atDay(Math.min(dayOfMonth, month.lengthOfMonth()));
        }
        if (weekOfMonth != null && weekday != null) {
            LocalDate first = month.atDay(1);
            return weekOfMonth < 0 ? first.with(TemporalAdjusters.lastInMonth(weekday))
                    : first.with(TemporalAdjusters.dayOfWeekInMonth(weekOfMonth, weekday));
        }
        return month.atDay(Math.min(5, month.lengthOfMonth()));
    }

    /** How a pattern reads, in Vietnamese then English. */
    static String describe(Integer dayOfMonth, Integer weekOfMonth, DayOfWeek weekday, String time) {
        if (dayOfMonth != null) {
            return "Ngày " + dayOfMonth + " hằng tháng, " + time + " / monthly on day " + dayOfMonth + " at " + time;
        }
        String[] vi = { "Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy" };
        String w = vi[weekday.getValue() % 7];
        String nth = weekOfMonth < 0 ? "cuối cùng" : "thứ " + weekOfMonth;
        String en = weekOfMonth < 0 ? "last" : new String[] { "", "first", "second", "third", "fourth" }[weekOfMonth];
        return w + " " + nth + " của tháng, " + time + " / the " + en + " " + weekday.name().charAt(0)
                + weekday.name().substring(1).toLowerCase(java.util.Locale.ROOT) + " of the month at " + time;
    }
}
