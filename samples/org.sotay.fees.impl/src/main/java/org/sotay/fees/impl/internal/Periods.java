package org.sotay.fees.impl.internal;

import java.time.YearMonth;
import java.util.List;

import org.sotay.core.api.Dates;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;

/** Months as clients send them: {@code yyyy-MM}, years of the API's range ({@link Dates}: 1900 to 2199). */
final class Periods {
    private Periods() {
    }

    static YearMonth parse(String field, String value) {
        String v = value == null ? "" : value.strip();
        if (v.matches("\\d{4}-\\d{2}")) {
            int year = Integer.parseInt(v.substring(0, 4));
            int month = Integer.parseInt(v.substring(5));
            if (month >= 1 && month <= 12 && year >= Dates.MIN_YEAR && year <= Dates.MAX_YEAR) {
                return YearMonth.of(year, month);
            }
        }
        throw SotayException.invalid(List.of(error(field)));
    }

    static FieldError error(String field) {
        return new FieldError(field, "not-a-period", Text.of(field + " phải là một tháng dạng YYYY-MM, năm từ " + Dates.MIN_YEAR + " đến " + Dates.MAX_YEAR + ".",
                field + " must be a month as YYYY-MM, in the years " + Dates.MIN_YEAR + " to " + Dates.MAX_YEAR + "."));
    }

    static int year(String field, Integer year) {
        if (year == null || year < Dates.MIN_YEAR || year > Dates.MAX_YEAR) {
            throw SotayException.invalid(List.of(new FieldError(field, Dates.OUT_OF_RANGE,
                    Text.of(field + " phải là một năm từ " + Dates.MIN_YEAR + " đến " + Dates.MAX_YEAR + ".",
                            field + " must be a year from " + Dates.MIN_YEAR + " to " + Dates.MAX_YEAR + "."))));
        }
        return year;
    }
}
