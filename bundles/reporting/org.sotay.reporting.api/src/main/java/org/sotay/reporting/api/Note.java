package org.sotay.reporting.api;

import org.sotay.core.api.Required;

/** Why a figure looks as it does, for a person: a stable {@code code} and the text in Vietnamese and English. */
public record Note(@Required String code, @Required String vi, @Required String en) {
}
