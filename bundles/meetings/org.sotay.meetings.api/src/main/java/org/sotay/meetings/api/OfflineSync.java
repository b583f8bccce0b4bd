package org.sotay.meetings.api;

/** Offline batches of attendance and minutes ({@link MeetingsPermissions#MANAGE}); idempotent on the batch and entry ids. */
@org.osgi.annotation.versioning.ProviderType
public interface OfflineSync {
    BatchResult apply(String meetingId, Batch batch);
}
