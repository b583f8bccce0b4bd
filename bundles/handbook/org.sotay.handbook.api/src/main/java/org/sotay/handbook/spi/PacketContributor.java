package org.sotay.handbook.spi;

import java.util.List;

import org.sotay.core.api.Text;

/**
 * Adds items to a member's offline packet (the one download a member fetches where there is Wi-Fi):
 * the meetings module adds the documents of the member's cell's next meeting. The handbook calls
 * every registered contributor, then keeps only the items the member may read, so a contributor
 * cannot widen anyone's audience. A contributor answers quickly from its own tables; one that
 * throws is logged and left out of that packet.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface PacketContributor {
    /** Items for {@code memberId}, a member of {@code cellUnitId}, each with why it is there. */
    List<Entry> entriesFor(String memberId, String cellUnitId);

    /** One item and the reason shown beside it in the packet ("Tài liệu sinh hoạt chi bộ ngày 05/01"). */
    record Entry(String itemId, Text reason) {
    }
}
