package org.sotay.handbook.api.facts;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Mandatory reading as the handbook records it, for the reporting module: every mandatory item that
 * was published (withdrawn ones included, flagged), and every read of one. A read is a member's once
 * (the first stands), in the cell the member was in when it was recorded.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ReadingFacts {
    /** Every mandatory item published at some time (a draft never published is not one), by id. */
    List<MandatoryItem> mandatoryItems();

    Optional<MandatoryItem> mandatoryItem(String itemId);

    /** Every read of {@code itemId}, streamed in batches. */
    void forEachRead(String itemId, Consumer<ReadFact> sink);

    /** The member's read of the item, if there is one. */
    Optional<ReadFact> read(String itemId, String memberId);

    /**
     * A mandatory item: its audience units (active ones; the whole audience when {@code roles} is
     * empty, else only those roles within them), deadline (Vietnam's calendar day, may be null),
     * when it was published, and whether it was withdrawn since.
     */
    record MandatoryItem(String id, String title, String kind, List<String> audienceUnitIds, List<String> roles, java.time.LocalDate deadline,
            long publishedMs, boolean withdrawn) {
    }

    /** One read: the member, their cell when it was recorded, on their behalf or not, whether they were exempt then, and when. */
    record ReadFact(String itemId, String memberId, String cellId, boolean onBehalf, boolean exempt, long readMs) {
    }
}
