package org.sotay.meetings.api;

import java.util.List;

import org.sotay.core.api.Required;

/**
 * What a secretary's device recorded without signal and sends later: attendance marks and, optionally,
 * the minutes draft ({@code minutes.version} is the draft version the device started from, absent when
 * it started none). {@code batchId} is the client's id for the batch: the same batch sent twice changes
 * nothing and gets the same answer.
 */
public record Batch(@Required String batchId, List<BatchMark> attendance, MinutesDraft minutes, String minutesClientId) {
}
