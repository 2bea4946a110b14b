package dev.continuum.opcua.internal;

import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelListener;
import dev.continuum.api.driver.ChannelReading;
import dev.continuum.api.driver.DriverSubscription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link DriverSubscription}: its channels, their errors, and the Milo subscriptions that serve them
 * on the current client (one per publishing interval). {@link #create} runs for every new client.
 */
final class LiveSubscription implements DriverSubscription {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSubscription.class);

    private final List<OpcUaChannel> channels = new ArrayList<>();
    private final ChannelListener listener;
    private final Map<String, String> errors = new ConcurrentHashMap<>();
    private final Consumer<LiveSubscription> onClose;
    private final int itemsPerCall;
    private final List<OpcUaSubscription> live = new ArrayList<>();
    private OpcUaClient createdOn;
    private volatile boolean closed;

    LiveSubscription(List<ChannelConfig> configs, ChannelListener listener, DriverConfig config,
            Consumer<LiveSubscription> onClose) {
        this.listener = listener;
        this.onClose = onClose;
        this.itemsPerCall = Math.max(1, config.itemsPerCall());
        for (ChannelConfig channel : configs) {
            try {
                channels.add(OpcUaChannel.of(channel, config.samplingInterval(), config.publishingInterval(),
                        config.queueSize()));
            } catch (IllegalArgumentException e) {
                error(channel.name(), e.getMessage());
            }
        }
    }

    @Override
    public Map<String, String> channelErrors() {
        return Map.copyOf(errors);
    }

    @Override
    public void close() {
        closed = true;
        onClose.accept(this);
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Creates the Milo subscriptions and monitored items on {@code client} (blocking; driver scheduler
     * thread), once per client: {@code subscribe} and a connection completing at the same time both ask.
     */
    synchronized void create(OpcUaClient client) {
        if (createdOn == client) {
            return;
        }
        createdOn = client;
        live.clear();
        Map<Double, List<OpcUaMonitoredItem>> byInterval = new TreeMap<>();
        for (OpcUaChannel channel : channels) {
            try {
                ReadValueId id = new ReadValueId(channel.node().resolve(client.getNamespaceTable()),
                        channel.attribute().uid(), null, null);
                OpcUaMonitoredItem item = new OpcUaMonitoredItem(id);
                item.setSamplingInterval(channel.samplingInterval());
                item.setQueueSize(UInteger.valueOf(channel.queueSize()));
                item.setDiscardOldest(channel.discardOldest());
                if (channel.deadbandType() != 0) {
                    item.setFilter(new DataChangeFilter(DataChangeTrigger.StatusValue,
                            UInteger.valueOf(channel.deadbandType()), channel.deadband()));
                }
                item.setUserObject(channel);
                byInterval.computeIfAbsent(channel.publishingInterval(), k -> new ArrayList<>()).add(item);
            } catch (IllegalArgumentException e) {
                error(channel.channel().name(), e.getMessage());
            }
        }
        for (Map.Entry<Double, List<OpcUaMonitoredItem>> group : byInterval.entrySet()) {
            createGroup(client, group.getKey(), group.getValue());
        }
    }

    private void createGroup(OpcUaClient client, double interval, List<OpcUaMonitoredItem> items) {
        OpcUaSubscription subscription = new OpcUaSubscription(client, interval);
        subscription.setMaxMonitoredItemsPerCall(UInteger.valueOf(itemsPerCall));
        subscription.setSubscriptionListener(new OpcUaSubscription.SubscriptionListener() {
            @Override
            public void onDataReceived(OpcUaSubscription s, List<OpcUaMonitoredItem> items, List<DataValue> values) {
                deliver(items, values);
            }
        });
        try {
            subscription.create();
            live.add(subscription);
            subscription.addMonitoredItems(items);
            subscription.createMonitoredItems();
        } catch (Exception e) {
            for (OpcUaMonitoredItem item : items) {
                error(((OpcUaChannel) item.getUserObject().orElseThrow()).channel().name(),
                        "subscription failed: " + Connection.describe(e));
            }
            return;
        }
        for (OpcUaMonitoredItem item : items) {
            OpcUaChannel channel = (OpcUaChannel) item.getUserObject().orElseThrow();
            StatusCode result = item.getCreateResult().orElse(StatusCode.BAD);
            if (result.isBad()) {
                error(channel.channel().name(), "monitored item for " + channel.channel().property(OpcUaChannel.NODE_ID, "")
                        + " rejected: " + Values.describe(result));
            } else {
                clear(channel.channel().name());
            }
        }
    }

    /** Deletes the Milo subscriptions (when closed while connected); best effort. */
    synchronized void delete() {
        for (OpcUaSubscription subscription : live) {
            subscription.deleteAsync();
        }
        live.clear();
        createdOn = null;
    }

    /** The client went away: its subscriptions are gone with it. */
    synchronized void forget() {
        live.clear();
        createdOn = null;
    }

    private void deliver(List<OpcUaMonitoredItem> items, List<DataValue> values) {
        if (closed) {
            return;
        }
        List<ChannelReading> readings = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            OpcUaChannel channel = (OpcUaChannel) items.get(i).getUserObject().orElse(null);
            if (channel != null) {
                readings.add(Readings.of(channel.channel(), values.get(i)));
            }
        }
        synchronized (listener) {
            try {
                listener.onReadings(readings);
            } catch (RuntimeException e) {
                LOG.warn("channel listener failed on {} readings", readings.size(), e);
            }
        }
    }

    private void error(String channel, String reason) {
        String previous = errors.put(channel, reason);
        if (!reason.equals(previous)) {
            LOG.warn("{}", reason.startsWith("channel '") ? reason : "channel '" + channel + "': " + reason);
            synchronized (listener) {
                listener.onChannelError(channel, reason);
            }
        }
    }

    private void clear(String channel) {
        if (errors.remove(channel) != null) {
            synchronized (listener) {
                listener.onChannelError(channel, "");
            }
        }
    }

    /** For logs and health: the channels by name. */
    Map<String, OpcUaChannel> channelsByName() {
        Map<String, OpcUaChannel> byName = new LinkedHashMap<>();
        channels.forEach(c -> byName.put(c.channel().name(), c));
        return byName;
    }
}
