package org.sotay.identity.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/** An app installation of an account, as seen at sign-in. */
public record Device(@Required String id, @Required String installationId, @Required String platform, String appVersion,
        @Required Instant firstSeen, @Required Instant lastSeen) {
}
