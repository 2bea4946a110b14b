package dev.continuum.sim.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * Samples monitored values at the end of each line update, the way a PLC's embedded server samples at the end
 * of its scan cycle: a sampling interval equal to the update period then sees every update, and a sample is
 * taken as soon as the value changed. Milo's {@code SubscriptionModel} instead samples on a timer of its own,
 * which beats against the update timer: with both at the same period, a late sampler misses the updates that
 * land twice between two of its samples, and every sample waits up to one period after its change.
 *
 * <p>Only Value attributes without an index range of variable nodes are sampled here ({@link #accepts}); the
 * namespace leaves the rest to the {@code SubscriptionModel}. An item with a sampling interval longer than the
 * update period is sampled on the update nearest to its interval; a shorter one on every update (values only
 * change on updates, except writes, which are then seen at the next update).
 */
final class ScanSampler {

    private final Function<NodeId, UaNode> nodes;
    private final long halfPeriodNanos;
    private final Map<DataItem, Entry> entries = new ConcurrentHashMap<>();

    /**
     * @param nodes finds the node of an item (the namespace's node manager)
     * @param updateMillis the line's update period
     */
    ScanSampler(Function<NodeId, UaNode> nodes, int updateMillis) {
        this.nodes = nodes;
        this.halfPeriodNanos = TimeUnit.MILLISECONDS.toNanos(updateMillis) / 2;
    }

    /** Whether this sampler takes {@code item}: a Value attribute without an index range of a variable node. */
    boolean accepts(DataItem item) {
        String range = item.getReadValueId().getIndexRange();
        return AttributeId.Value.isEqual(item.getReadValueId().getAttributeId())
                && (range == null || range.isEmpty())
                && nodes.apply(item.getReadValueId().getNodeId()) instanceof UaVariableNode;
    }

    /** Adds (or, when its sampling interval changed, re-times) {@code items}; the next update samples them. */
    void add(List<DataItem> items) {
        for (DataItem item : items) {
            UaVariableNode node = (UaVariableNode) nodes.apply(item.getReadValueId().getNodeId());
            entries.put(item, new Entry(node, Math.round(item.getSamplingInterval() * 1_000_000)));
        }
    }

    void remove(List<DataItem> items) {
        items.forEach(entries::remove);
    }

    boolean contains(DataItem item) {
        return entries.containsKey(item);
    }

    /** Samples the items that are due; called by the line's update thread after each update. */
    void sample(long nowNanos) {
        sample(nowNanos, false);
    }

    /**
     * Samples the items not sampled yet (their first value, right after they were created, not an update
     * later); called on the line's update thread, so it never races an update's samples.
     */
    void sampleNew(long nowNanos) {
        sample(nowNanos, true);
    }

    private void sample(long nowNanos, boolean newOnly) {
        for (Map.Entry<DataItem, Entry> e : entries.entrySet()) {
            DataItem item = e.getKey();
            Entry entry = e.getValue();
            if (!item.isSamplingEnabled() || (entry.sampled && (newOnly || nowNanos - entry.nextNanos < 0))) {
                continue;
            }
            entry.sampled = true;
            // Due on the update nearest to the interval: at most half an update period early.
            entry.nextNanos = nowNanos + entry.intervalNanos - halfPeriodNanos;
            item.setValue(DataValue.derivedValue(entry.node.getValue(), item.getTimestampsToReturn()));
        }
    }

    /** One item's node and schedule; written by the update thread only (after creation). */
    private static final class Entry {
        final UaVariableNode node;
        final long intervalNanos;
        boolean sampled;
        long nextNanos;

        Entry(UaVariableNode node, long intervalNanos) {
            this.node = node;
            this.intervalNanos = intervalNanos;
        }
    }
}
