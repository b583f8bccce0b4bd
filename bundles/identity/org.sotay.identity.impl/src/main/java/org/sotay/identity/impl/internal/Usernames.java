package org.sotay.identity.impl.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** Account names as stored: card numbers as digits only, other names in lower case. */
final class Usernames {
    private static final Pattern CARD_LIKE = Pattern.compile("[0-9][0-9 .\\-]*");
    static final Pattern STAFF = Pattern.compile("[a-z][a-z0-9._-]{2,63}");

    private Usernames() {
    }

    static String normalise(String typed) {
        if (typed == null) {
            return "";
        }
        String s = typed.strip();
        if (CARD_LIKE.matcher(s).matches()) {
            return s.replaceAll("[^0-9]", "");
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
