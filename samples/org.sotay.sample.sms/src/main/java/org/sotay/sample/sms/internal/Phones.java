package org.sotay.sample.sms.internal;

/** Phone numbers: normalized to E.164 and masked for logs. */
final class Phones {
    private Phones() {
    }

    /** {@code 0912 345 678} with country code 84 becomes {@code +84912345678}; {@code null} when it is no phone number. */
    static String normalize(String raw, String countryCode) {
        if (raw == null) {
            return null;
        }
        String s = raw.replaceAll("[\\s.()-]", "");
        if (s.startsWith("00")) {
            s = "+" + s.substring(2);
        } else if (s.startsWith("0")) {
            s = "+" + countryCode + s.substring(1);
        } else if (!s.startsWith("+")) {
            s = "+" + s;
        }
        return s.matches("\\+[1-9][0-9]{7,14}") ? s : null;
    }

    /** All but the last 3 digits hidden: {@code +84912345678} is {@code *********678}. */
    static String mask(String phone) {
        if (phone == null || phone.isEmpty()) {
            return "?";
        }
        int keep = Math.min(3, phone.length());
        return "*".repeat(phone.length() - keep) + phone.substring(phone.length() - keep);
    }

    /** {@code text} with every spelling of {@code phone} masked (a gateway's error may echo the number). */
    static String scrub(String text, String phone) {
        if (text == null || phone == null) {
            return text;
        }
        String digits = phone.substring(1);
        String out = text.replace(phone, mask(phone)).replace(digits, mask(digits));
        // the national form (0912345678) a gateway may answer with
        for (int cc = 1; cc <= 3 && cc < digits.length(); cc++) {
            String national = "0" + digits.substring(cc);
            out = out.replace(national, mask(national));
        }
        return out;
    }
}
