package org.sotay.core.persistence.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One versioned script, {@code V<n>__<description>[.<dialect>].sql}, with its text. */
public record MigrationScript(int version, String description, String dialect, String fileName, String sql) {

    private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)(?:\\.([a-z]+))?\\.sql");

    /** Parses a file name; {@code null} when the name is not a migration script. */
    public static MigrationScript parse(String fileName, String sql) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return null;
        }
        return new MigrationScript(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), m.group(3), fileName,
                sql.replace("\r\n", "\n"));
    }

    /** SHA-256 of the script text with line endings normalised. */
    String checksum() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(sql.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The statements of the script: split at a {@code ;} that ends a line; lines starting with
     * {@code --} are comments. A statement may span lines; a {@code ;} inside a line is kept.
     */
    List<String> statements() {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                out.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
