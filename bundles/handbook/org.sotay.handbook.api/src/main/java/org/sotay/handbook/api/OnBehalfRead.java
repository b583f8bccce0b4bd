package org.sotay.handbook.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/** A read recorded for a member without a phone: who, a short note ("đọc to tại buổi sinh hoạt chi bộ"), when (default now). */
public record OnBehalfRead(@Required String memberId, String note, Instant readAt, String clientId) {
    public static final int NOTE_MAX = 500;
}
