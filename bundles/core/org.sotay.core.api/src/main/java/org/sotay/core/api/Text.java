package org.sotay.core.api;

import java.util.Locale;
import java.util.Objects;

/**
 * A message a person reads, in Vietnamese (always) and English. Vietnamese is the default
 * language of the platform; English is chosen with {@code Accept-Language: en}.
 */
public final class Text {
    private final String vi;
    private final String en;

    private Text(String vi, String en) {
        this.vi = Objects.requireNonNull(vi, "vi");
        this.en = en == null ? vi : en;
    }

    public static Text of(String vi, String en) {
        return new Text(vi, en);
    }

    public String vi() {
        return vi;
    }

    public String en() {
        return en;
    }

    /** The text in {@code locale}: English for any English locale, Vietnamese otherwise. */
    public String in(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? en : vi;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Text t && vi.equals(t.vi) && en.equals(t.en);
    }

    @Override
    public int hashCode() {
        return Objects.hash(vi, en);
    }

    @Override
    public String toString() {
        return vi + " / " + en;
    }
}
