package org.sotay.sample.sms.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account-to-phone look-up. No exported Sotay API gives a plugin an account's phone number: the
 * registry's {@code MemberService} is limited to a caller's subtree, and its unscoped
 * {@code MemberDirectory} carries no contact data and serves only trusted bundles. So the operator
 * exports a file of {@code accountId,phone} lines (from the registry's member export joined with the
 * accounts, or from the province's own records); it is re-read when its modification time changes.
 * Lines starting with {@code #} and blank lines are skipped; a bad line is counted, never logged with its number.
 */
final class PhoneBook {
    private static final Logger LOG = LoggerFactory.getLogger(PhoneBook.class);
    private final Path file;
    private final String countryCode;
    private FileTime loadedAt;
    private Map<String, String> phones = Map.of();

    PhoneBook(Path file, String countryCode) {
        this.file = file;
        this.countryCode = countryCode;
    }

    /** The account's number in E.164, or {@code null} when the book has none. */
    synchronized String lookup(String accountId) throws IOException {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            throw new IOException("the phone book " + file + " does not exist");
        }
        if (!modified.equals(loadedAt)) {
            load(modified);
        }
        return phones.get(accountId);
    }

    private void load(FileTime modified) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, String> next = new HashMap<>();
        int bad = 0;
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int comma = l.indexOf(',');
            String phone = comma < 0 ? null : Phones.normalize(l.substring(comma + 1).strip(), countryCode);
            if (comma <= 0 || phone == null) {
                bad++;
                continue;
            }
            next.put(l.substring(0, comma).strip(), phone);
        }
        phones = Map.copyOf(next);
        loadedAt = modified;
        if (bad > 0) {
            LOG.warn("The phone book {} has {} lines that are not accountId,phone: they are skipped", file, bad);
        }
        LOG.info("The phone book {} holds {} numbers", file, phones.size());
    }
}
