package org.sotay.reporting.api;

import org.sotay.core.api.Required;

/**
 * Installation and account registration over a subtree on a day. {@code members} are the active
 * members (probationary, official, exempt); {@code exempt} are exempt from regular activities;
 * {@code target} is the installation target group: active members who use a smartphone and are
 * not exempt; {@code withoutSmartphone} are active, not exempt and without one, so that
 * {@code members = exempt + withoutSmartphone + target}. {@code installed} counts every active
 * member with the app, in the target group or not ({@code installedInTarget},
 * {@code installedOutsideTarget}), as the seed's committee counted: so installed / target can pass
 * 100%, and then says why.
 */
public record Adoption(long members, long exempt, long withoutSmartphone, long target, long installed, long installedInTarget,
        long installedOutsideTarget, long registered, long registeredInTarget, @Required Rate installedOfAll, @Required Rate installedOfTarget,
        @Required Rate registeredOfAll, @Required Rate registeredOfTarget) {

    /** The figures and their shares from the counts. */
    public static Adoption of(long members, long exempt, long target, long installed, long installedInTarget, long registered,
            long registeredInTarget) {
        long outside = installed - installedInTarget;
        Note why = outside <= 0 ? null
                : new Note("installed-outside-target", outside + " đảng viên ngoài nhóm đối tượng (không dùng điện thoại thông minh hoặc được miễn sinh hoạt) cũng đã cài đặt.",
                        outside + " members outside the target group (no smartphone, or exempt) installed it too.");
        long regOutside = registered - registeredInTarget;
        Note regWhy = regOutside <= 0 ? null
                : new Note("registered-outside-target", regOutside + " đảng viên ngoài nhóm đối tượng cũng đã đăng ký tài khoản.",
                        regOutside + " members outside the target group registered an account too.");
        return new Adoption(members, exempt, members - exempt - target, target, installed, installedInTarget, outside, registered,
                registeredInTarget, Rate.of(installed, members), Rate.of(installed, target, why), Rate.of(registered, members),
                Rate.of(registered, target, regWhy));
    }
}
