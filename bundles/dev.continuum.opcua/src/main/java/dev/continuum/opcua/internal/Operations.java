package dev.continuum.opcua.internal;

import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelReading;
import dev.continuum.api.driver.ChannelWrite;
import dev.continuum.api.driver.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;

/** Reads and writes on a connected client, asynchronously, one result per channel in order. */
final class Operations {

    private Operations() {
    }

    static CompletableFuture<List<ChannelReading>> read(OpcUaClient client, List<ChannelConfig> channels) {
        ChannelReading[] results = new ChannelReading[channels.size()];
        List<ReadValueId> ids = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            ChannelConfig channel = channels.get(i);
            try {
                OpcUaChannel parsed = OpcUaChannel.of(channel, 0, 1, 1);
                ids.add(new ReadValueId(parsed.node().resolve(client.getNamespaceTable()), parsed.attribute().uid(),
                        null, null));
                positions.add(i);
            } catch (IllegalArgumentException e) {
                results[i] = ChannelReading.bad(channel.name(), Instant.now(), e.getMessage());
            }
        }
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(List.of(results));
        }
        return client.readAsync(0, TimestampsToReturn.Both, ids).thenApply(response -> {
            DataValue[] values = response.getResults();
            for (int k = 0; k < positions.size(); k++) {
                int i = positions.get(k);
                results[i] = Readings.of(channels.get(i), values[k]);
            }
            return List.of(results);
        });
    }

    /** Reads the nodes' DataType attributes, converts each value to it, and writes them in one request. */
    static CompletableFuture<List<WriteResult>> write(OpcUaClient client, List<ChannelWrite> writes) {
        WriteResult[] results = new WriteResult[writes.size()];
        List<NodeId> nodes = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            ChannelConfig channel = writes.get(i).channel();
            try {
                nodes.add(OpcUaChannel.of(channel, 0, 1, 1).node().resolve(client.getNamespaceTable()));
                positions.add(i);
            } catch (IllegalArgumentException e) {
                results[i] = WriteResult.failed(channel.name(), e.getMessage());
            }
        }
        if (nodes.isEmpty()) {
            return CompletableFuture.completedFuture(List.of(results));
        }
        List<ReadValueId> typeIds = nodes.stream()
                .map(node -> new ReadValueId(node, AttributeId.DataType.uid(), null, null)).toList();
        return client.readAsync(0, TimestampsToReturn.Neither, typeIds).thenCompose(types -> {
            List<WriteValue> values = new ArrayList<>();
            List<Integer> sent = new ArrayList<>();
            for (int k = 0; k < positions.size(); k++) {
                int i = positions.get(k);
                ChannelWrite write = writes.get(i);
                DataValue type = types.getResults()[k];
                if (!type.getStatusCode().isGood() || !(type.getValue().getValue() instanceof NodeId dataType)) {
                    results[i] = WriteResult.failed(write.channel().name(), "cannot read the node's data type: "
                            + Values.describe(type.getStatusCode()));
                    continue;
                }
                try {
                    Variant variant = Values.toVariant(write.value(), dataType);
                    values.add(new WriteValue(nodes.get(k), AttributeId.Value.uid(), null,
                            DataValue.valueOnly(variant)));
                    sent.add(i);
                } catch (IllegalArgumentException e) {
                    results[i] = WriteResult.failed(write.channel().name(), e.getMessage());
                }
            }
            if (values.isEmpty()) {
                return CompletableFuture.completedFuture(List.of(results));
            }
            return client.writeAsync(values).thenApply(response -> {
                StatusCode[] codes = response.getResults();
                for (int k = 0; k < sent.size(); k++) {
                    int i = sent.get(k);
                    String name = writes.get(i).channel().name();
                    results[i] = codes[k].isGood() ? WriteResult.ok(name)
                            : WriteResult.failed(name, "server refused the write: " + Values.describe(codes[k]));
                }
                return List.of(results);
            });
        });
    }
}
