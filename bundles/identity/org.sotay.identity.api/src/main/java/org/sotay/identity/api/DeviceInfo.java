package org.sotay.identity.api;

/** The app installation a client signs in from: its own stable id, platform ({@code android}, {@code ios}, {@code web}) and version. */
public record DeviceInfo(String installationId, String platform, String appVersion) {
}
