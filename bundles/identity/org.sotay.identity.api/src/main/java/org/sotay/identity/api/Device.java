package org.sotay.identity.api;

import java.time.Instant;

/** An app installation of an account, as seen at sign-in. */
public record Device(String id, String installationId, String platform, String appVersion, Instant firstSeen, Instant lastSeen) {
}
