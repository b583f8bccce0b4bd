package org.sotay.meetings.api;

import org.sotay.core.api.Required;

/** Starts a correction of approved minutes, with why. */
public record Correction(@Required String reason) {
}
