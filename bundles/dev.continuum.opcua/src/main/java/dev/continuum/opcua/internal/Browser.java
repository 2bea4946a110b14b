package dev.continuum.opcua.internal;

import dev.continuum.api.driver.BrowseNode;
import dev.continuum.api.driver.DriverException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;

/**
 * Walks the address space along hierarchical references (Part 4, 5.8.2 Browse), objects and variables
 * only, depth first, within depth and node-count limits; variables get the channel properties that
 * address them and a suggested value type from their DataType.
 */
final class Browser {

    private static final int MASK = NodeClass.Object.getValue() | NodeClass.Variable.getValue();

    private final OpcUaClient client;
    private final int maxNodes;
    private int count;

    private Browser(OpcUaClient client, int maxNodes) {
        this.client = client;
        this.maxNodes = Math.max(1, maxNodes);
    }

    /** Blocking; run off the connection thread. */
    static BrowseNode browse(OpcUaClient client, String start, int maxDepth, int maxNodes) throws DriverException {
        NodeId root;
        try {
            root = start == null || start.isBlank() ? NodeIds.ObjectsFolder
                    : NodeAddress.parse(start).resolve(client.getNamespaceTable());
        } catch (IllegalArgumentException e) {
            throw new DriverException("browse: " + e.getMessage());
        }
        try {
            Browser browser = new Browser(client, maxNodes);
            browser.count = 1;
            return browser.node(root, displayName(client, root, NodeAddress.format(root)), "Object",
                    Math.max(0, maxDepth));
        } catch (Exception e) {
            throw new DriverException("browse from " + start + " failed: " + Connection.describe(e), e);
        }
    }

    private BrowseNode node(NodeId id, String name, String kind, int depth) throws Exception {
        List<BrowseNode> children = new ArrayList<>();
        if (depth > 0 && count < maxNodes) {
            BrowseResult result = client.browse(new BrowseDescription(id, BrowseDirection.Forward,
                    NodeIds.HierarchicalReferences, true, UInteger.valueOf(MASK),
                    UInteger.valueOf(BrowseResultMask.All.getValue())));
            ReferenceDescription[] references = result.getReferences() == null ? new ReferenceDescription[0]
                    : result.getReferences();
            List<NodeId> variables = new ArrayList<>();
            List<ReferenceDescription> kept = new ArrayList<>();
            for (ReferenceDescription reference : references) {
                if (count >= maxNodes) {
                    break;
                }
                NodeId child = reference.getNodeId().toNodeId(client.getNamespaceTable()).orElse(null);
                if (child != null) {
                    count++;
                    kept.add(reference);
                    if (reference.getNodeClass() == NodeClass.Variable) {
                        variables.add(child);
                    }
                }
            }
            Map<NodeId, NodeId> dataTypes = dataTypes(variables);
            for (ReferenceDescription reference : kept) {
                NodeId child = reference.getNodeId().toNodeId(client.getNamespaceTable()).orElseThrow();
                String childName = reference.getDisplayName().text();
                if (reference.getNodeClass() == NodeClass.Variable) {
                    children.add(variable(child, childName, dataTypes.get(child)));
                } else {
                    children.add(node(child, childName, reference.getNodeClass().name(), depth - 1));
                }
            }
        }
        return new BrowseNode(NodeAddress.format(id), name, kind, Map.of(), children);
    }

    private static BrowseNode variable(NodeId id, String name, NodeId dataType) {
        Map<String, String> properties = new HashMap<>();
        properties.put(OpcUaChannel.NODE_ID, NodeAddress.format(id));
        String suggested = TypeSuggestion.of(dataType);
        if (suggested != null) {
            properties.put("+value.type", suggested);
        }
        return new BrowseNode(NodeAddress.format(id), name, "Variable", properties, List.of());
    }

    private Map<NodeId, NodeId> dataTypes(List<NodeId> variables) throws Exception {
        Map<NodeId, NodeId> types = new HashMap<>();
        if (variables.isEmpty()) {
            return types;
        }
        List<ReadValueId> ids = variables.stream()
                .map(v -> new ReadValueId(v, AttributeId.DataType.uid(), null, null)).toList();
        List<DataValue> values = List.of(client.read(0, TimestampsToReturn.Neither, ids).getResults());
        for (int i = 0; i < variables.size(); i++) {
            Object value = values.get(i).getValue().getValue();
            if (value instanceof NodeId type) {
                types.put(variables.get(i), type);
            }
        }
        return types;
    }

    private static String displayName(OpcUaClient client, NodeId id, String fallback) {
        try {
            DataValue value = client.read(0, TimestampsToReturn.Neither,
                    List.of(new ReadValueId(id, AttributeId.DisplayName.uid(), null, null))).getResults()[0];
            Object text = value.getValue().getValue();
            return text instanceof org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText l ? l.text() : fallback;
        } catch (Exception e) {
            return fallback;
        }
    }
}
