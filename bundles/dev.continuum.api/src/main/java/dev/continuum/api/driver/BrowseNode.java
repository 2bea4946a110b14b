package dev.continuum.api.driver;

import java.util.List;
import java.util.Map;

/**
 * One node of a device's address space, as returned by {@link Driver#browse}.
 *
 * @param address the driver-specific address, usable as-is in channel properties (for OPC UA the
 *     node id in {@code ns=2;s=...} or {@code nsu=...;s=...} form)
 * @param name the node's display name
 * @param kind the protocol's node class ({@code Object}, {@code Variable}, {@code Method}, ...)
 * @param channelProperties for a node that can be a channel, the driver-specific channel properties
 *     that address it (for example {@code node.id} and the suggested {@code +value.type}); empty otherwise
 * @param children the nodes below, as far as the depth and count limits allowed
 */
public record BrowseNode(String address, String name, String kind, Map<String, String> channelProperties,
        List<BrowseNode> children) {

    public BrowseNode {
        channelProperties = Map.copyOf(channelProperties);
        children = List.copyOf(children);
    }
}
