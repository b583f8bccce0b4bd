package org.sotay.handbook.impl.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.sotay.core.api.VietnameseText;

/** Words as the search index keeps them: folded (lower case, no diacritics, "đ" as "d"), letters and digits only, at most 40 characters. */
final class Words {
    static final int MAX = 40;
    static final int TITLE = 100;
    static final int SUMMARY = 10;
    static final int BODY = 1;
    /** An item's weight for one word never exceeds this (a word repeated a thousand times in a body does not outrank a title). */
    static final int CAP = 1000;

    private Words() {
    }

    static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        String folded = VietnameseText.fold(text == null ? "" : text);
        StringBuilder w = new StringBuilder();
        for (int i = 0; i <= folded.length(); i++) {
            char c = i < folded.length() ? folded.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                w.append(c);
            } else if (w.length() > 0) {
                out.add(w.length() > MAX ? w.substring(0, MAX) : w.toString());
                w.setLength(0);
            }
        }
        return out;
    }

    /** The distinct words of a query, at most {@code max}. */
    static List<String> query(String text, int max) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(of(text)));
        return distinct.size() > max ? distinct.subList(0, max) : distinct;
    }

    /** Each word of an item with its weight. */
    static Map<String, Integer> weights(String title, String summary, String bodyText) {
        Map<String, Integer> w = new LinkedHashMap<>();
        add(w, title, TITLE);
        add(w, summary, SUMMARY);
        add(w, bodyText, BODY);
        return w;
    }

    private static void add(Map<String, Integer> w, String text, int weight) {
        for (String word : of(text)) {
            w.merge(word, weight, (a, b) -> Math.min(CAP, a + b));
        }
    }
}
