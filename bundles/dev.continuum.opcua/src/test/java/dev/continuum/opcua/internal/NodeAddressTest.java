package dev.continuum.opcua.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.junit.jupiter.api.Test;

class NodeAddressTest {

    private final NamespaceTable namespaces = new NamespaceTable();

    NodeAddressTest() {
        namespaces.add("urn:continuum:sim:line");
    }

    @Test
    void parsesAllFourIdentifierTypesWithNamespaceIndex() {
        assertThat(NodeAddress.parse("ns=2;i=5001").resolve(namespaces)).isEqualTo(new NodeId(2, UInteger.valueOf(5001)));
        assertThat(NodeAddress.parse("ns=2;s=Line/Press1").resolve(namespaces)).isEqualTo(new NodeId(2, "Line/Press1"));
        UUID guid = UUID.fromString("6f1b3c2a-5d4e-4f60-8a7b-9c0d1e2f3a4b");
        assertThat(NodeAddress.parse("ns=2;g=" + guid).resolve(namespaces)).isEqualTo(new NodeId(2, guid));
        assertThat(NodeAddress.parse("ns=3;b=wP/u").resolve(namespaces))
                .isEqualTo(new NodeId(3, ByteString.of(new byte[] {(byte) 0xC0, (byte) 0xFF, (byte) 0xEE})));
        assertThat(NodeAddress.parse("i=85").resolve(namespaces)).isEqualTo(new NodeId(0, UInteger.valueOf(85)));
    }

    @Test
    void resolvesANamespaceUriAgainstTheServersTable() {
        NodeId id = NodeAddress.parse("nsu=urn:continuum:sim:line;s=Line/Setpoint").resolve(namespaces);
        assertThat(id.getNamespaceIndex().intValue()).isEqualTo(namespaces.getIndex("urn:continuum:sim:line").intValue());
        assertThatThrownBy(() -> NodeAddress.parse("nsu=urn:unknown;i=1").resolve(namespaces))
                .hasMessageContaining("no namespace 'urn:unknown'");
    }

    @Test
    void rejectsMalformedIdsNamingTheProblemAndTheAcceptedForms() {
        assertThatThrownBy(() -> NodeAddress.parse("ns=2;x=1")).hasMessageContaining("'x' is not i, s, g or b")
                .hasMessageContaining("accepted:");
        assertThatThrownBy(() -> NodeAddress.parse("ns=two;i=1")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> NodeAddress.parse("ns=2;i=-4")).hasMessageContaining("unsigned");
        assertThatThrownBy(() -> NodeAddress.parse("ns=2;g=not-a-guid")).hasMessageContaining("GUID");
        assertThatThrownBy(() -> NodeAddress.parse("")).hasMessageContaining("no node id");
    }

    @Test
    void formatsMiloIdsBackToTheTextForm() {
        assertThat(NodeAddress.format(new NodeId(2, "Line/Tags"))).isEqualTo("ns=2;s=Line/Tags");
        assertThat(NodeAddress.format(new NodeId(0, UInteger.valueOf(85)))).isEqualTo("ns=0;i=85");
    }
}
