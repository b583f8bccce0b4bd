package org.sotay.identity.impl.internal;

import java.util.Locale;

import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;

/**
 * The password rules, in one place for every way a password is set: registration, reset, change,
 * staff and API-client accounts, the bootstrap and console administrators. At least
 * {@code minPasswordLength} characters (configuration), at most 200, more than two different
 * characters, not containing the account name or card number, no control characters.
 */
final class PasswordPolicy {
    static final int MAX = 200;

    private PasswordPolicy() {
    }

    /** Adds every broken rule of {@code password} on {@code field} to {@code v}. */
    static Validation check(Validation v, String field, String password, String username, int min) {
        v.required(field, password);
        if (password == null) {
            return v;
        }
        v.check(password.codePointCount(0, password.length()) >= min, field, "too-short",
                Text.of("Mật khẩu cần ít nhất " + min + " ký tự.", "A password needs at least " + min + " characters."));
        v.maxLength(field, password, MAX);
        v.check(Validation.plain(password, false), field, "control-character",
                Text.of("Mật khẩu không được chứa ký tự điều khiển.", "A password must not contain control characters."));
        v.check(password.chars().distinct().count() > 2, field, "too-simple", Text.of("Mật khẩu quá đơn giản.", "The password is too simple."));
        String u = Usernames.normalise(username);
        v.check(u.isEmpty() || !password.toLowerCase(Locale.ROOT).contains(u), field, "contains-username",
                Text.of("Mật khẩu không được chứa tên đăng nhập hay số thẻ.", "The password must not contain the account name or card number."));
        return v;
    }

    /** The rules for code that is not a request (bootstrap, console): an {@link IllegalArgumentException} saying what is wrong. */
    static void require(String password, String username, int min) {
        Validation v = check(new Validation(), "password", password, username, min);
        if (v.hasErrors()) {
            throw new IllegalArgumentException("the password breaks the rules: " + v.errors().stream()
                    .map(e -> e.message().en()).reduce((a, b) -> a + " " + b).orElse(""));
        }
    }
}
