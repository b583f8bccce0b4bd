package org.sotay.notify.impl.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Dates and times as a person in the deployment's zone reads them. */
final class Texts {
    private static final DateTimeFormatter VI = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy");
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("yyyy-MM-dd 'at' HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM");

    private Texts() {
    }

    static String vi(long ms, ZoneId zone) {
        return VI.format(Instant.ofEpochMilli(ms).atZone(zone));
    }

    static String en(long ms, ZoneId zone) {
        return EN.format(Instant.ofEpochMilli(ms).atZone(zone));
    }

    static String day(long ms, ZoneId zone) {
        return DAY.format(Instant.ofEpochMilli(ms).atZone(zone));
    }
}
