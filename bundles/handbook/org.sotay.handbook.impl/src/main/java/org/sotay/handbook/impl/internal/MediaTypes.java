package org.sotay.handbook.impl.internal;

import java.nio.charset.StandardCharsets;

/** What a file is, from its first bytes (never from its name): the types an item may carry. */
final class MediaTypes {
    enum Family {
        PDF, IMAGE, AUDIO
    }

    record Found(String mediaType, Family family, String extension) {
    }

    /** Bytes needed to tell. */
    static final int HEAD = 16;

    private MediaTypes() {
    }

    /** The type of a file starting with {@code head}, or {@code null} when it is none we take. */
    static Found sniff(byte[] head, int n) {
        if (starts(head, n, "%PDF-")) {
            return new Found("application/pdf", Family.PDF, "pdf");
        }
        if (n >= 8 && (head[0] & 0xFF) == 0x89 && starts(head, n, 1, "PNG") && head[4] == 0x0D && head[5] == 0x0A) {
            return new Found("image/png", Family.IMAGE, "png");
        }
        if (n >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return new Found("image/jpeg", Family.IMAGE, "jpg");
        }
        if (starts(head, n, "RIFF") && starts(head, n, 8, "WEBP")) {
            return new Found("image/webp", Family.IMAGE, "webp");
        }
        if (starts(head, n, "RIFF") && starts(head, n, 8, "WAVE")) {
            return new Found("audio/wav", Family.AUDIO, "wav");
        }
        if (starts(head, n, "OggS")) {
            return new Found("audio/ogg", Family.AUDIO, "ogg");
        }
        if (starts(head, n, "ID3") || (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) != 0)) {
            return new Found("audio/mpeg", Family.AUDIO, "mp3");
        }
        if (starts(head, n, 4, "ftyp") && (starts(head, n, 8, "M4A") || starts(head, n, 8, "M4B"))) {
            return new Found("audio/mp4", Family.AUDIO, "m4a");
        }
        return null;
    }

    private static boolean starts(byte[] head, int n, String magic) {
        return starts(head, n, 0, magic);
    }

    private static boolean starts(byte[] head, int n, int at, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        if (n < at + m.length) {
            return false;
        }
        for (int i = 0; i < m.length; i++) {
            if (head[at + i] != m[i]) {
                return false;
            }
        }
        return true;
    }
}
