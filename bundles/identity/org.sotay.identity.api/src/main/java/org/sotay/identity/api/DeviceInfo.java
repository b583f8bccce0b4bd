package org.sotay.identity.api;

import org.sotay.core.api.Required;

/** The app installation a client signs in from: its own stable id, platform ({@code android}, {@code ios}, {@code web}) and version. */
public record DeviceInfo(@Required String installationId, @Required String platform, String appVersion) {
}
