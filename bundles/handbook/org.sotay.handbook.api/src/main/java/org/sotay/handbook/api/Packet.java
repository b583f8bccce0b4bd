package org.sotay.handbook.api;

import java.util.List;

import org.sotay.core.api.Required;

/** A member's offline packet: the to-read items and what other modules add (the next meeting's documents), bodies included. */
public record Packet(@Required List<PacketItem> items) {
}
