package org.sotay.fees.impl.internal;

import org.sotay.fees.api.FeeCategory;
import org.sotay.fees.api.Quote;

/**
 * The rates of one configuration, and the one rounding rule: {@code income × basisPoints / 10,000}
 * rounded half up to a multiple of {@code rounding} đồng, in exact integer arithmetic (an income of
 * at most {@code maxIncome} ≤ 10^14 / 10,000 cannot overflow); a student pays the flat amount.
 */
record Rates(int salaryBp, int benefitBp, int pensionBp, long studentFlat, long rounding, long maxIncome, int arrearsMonths) {
    static final long MAX_INCOME_LIMIT = 10_000_000_000_000L; // 10^13 đ: with 10,000 basis points still far from Long.MAX_VALUE

    Rates {
        for (int bp : new int[] { salaryBp, benefitBp, pensionBp }) {
            if (bp < 0 || bp > 10_000) {
                throw new IllegalArgumentException("a rate is 0 to 10000 basis points: " + bp);
            }
        }
        if (studentFlat < 0 || rounding < 1 || maxIncome < 1 || maxIncome > MAX_INCOME_LIMIT || arrearsMonths < 1 || arrearsMonths > 12) {
            throw new IllegalArgumentException("invalid fees configuration");
        }
    }

    static Rates of(FeesConfig c) {
        return new Rates(c.salaryRateBasisPoints(), c.benefitRateBasisPoints(), c.pensionRateBasisPoints(), c.studentFlatDong(),
                c.roundingDong(), Math.min(c.maxIncomeDong(), MAX_INCOME_LIMIT), c.arrearsMonths());
    }

    static Rates defaults() {
        return new Rates(100, 100, 50, 5000, 1, 10_000_000_000L, 3);
    }

    int basisPoints(FeeCategory c) {
        return switch (c) {
        case INSURED_SALARY -> salaryBp;
        case BENEFIT -> benefitBp;
        case PENSION -> pensionBp;
        case STUDENT -> 0;
        };
    }

    /** The amount for a validated basis (0 ≤ income ≤ maxIncome; ignored for a student). */
    Quote quote(FeeCategory c, long income) {
        if (c == FeeCategory.STUDENT) {
            return new Quote(c, 0, 0, studentFlat, rounding, studentFlat, "Mức cố định " + dong(studentFlat) + " mỗi tháng cho học sinh, sinh viên.",
                    "A flat " + dong(studentFlat) + " a month for students.");
        }
        int bp = basisPoints(c);
        long q = 10_000L * rounding;
        long amount = (income * bp + q / 2) / q * rounding;
        String pct = percent(bp);
        String what = switch (c) {
        case INSURED_SALARY -> "tiền lương đóng bảo hiểm xã hội|the insured salary";
        case BENEFIT -> "trợ cấp ốm đau, thai sản|the sickness or maternity benefit";
        default -> "lương hưu|the pension";
        };
        String[] w = what.split("\\|");
        String round = rounding == 1 ? "làm tròn đến đồng" : "làm tròn đến bội số " + dong(rounding);
        String roundEn = rounding == 1 ? "rounded half up to the đồng" : "rounded half up to a multiple of " + dong(rounding);
        return new Quote(c, income, bp, 0, rounding, amount,
                pct + " của " + w[0] + " (" + dong(income) + "), " + round + ": " + dong(amount) + ".",
                pct + " of " + w[1] + " (" + dong(income) + "), " + roundEn + ": " + dong(amount) + ".");
    }

    static String percent(int bp) {
        String s = bp % 100 == 0 ? Integer.toString(bp / 100) : (bp / 100) + "," + String.format("%02d", bp % 100).replaceAll("0+$", "");
        return s + "%";
    }

    /** {@code 1.234.567 đ}, as Vietnamese write amounts. */
    static String dong(long amount) {
        String digits = Long.toString(amount);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                sb.append('.');
            }
            sb.append(digits.charAt(i));
        }
        return sb.append(" đ").toString();
    }
}
