package dev.continuum.opcua.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.junit.jupiter.api.Test;

class EndpointSelectorTest {

    private static EndpointDescription endpoint(SecurityPolicy policy, MessageSecurityMode mode) {
        return new EndpointDescription("opc.tcp://plc-7.internal:4840/ua", null, ByteString.NULL_VALUE, mode,
                policy.getUri(), new UserTokenPolicy[0], "", UByte.valueOf(0));
    }

    @Test
    void picksTheConfiguredPolicyAndModeAndPointsItAtTheConfiguredHost() throws Exception {
        EndpointSelector selector = new EndpointSelector("Aes256_Sha256_RsaPss", "Sign", false);
        EndpointDescription chosen = selector.select(List.of(
                endpoint(SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt),
                endpoint(SecurityPolicy.Aes256_Sha256_RsaPss, MessageSecurityMode.Sign)), "opc.tcp://10.0.0.7:4841/ua");
        assertThat(chosen.getSecurityPolicyUri()).isEqualTo(SecurityPolicy.Aes256_Sha256_RsaPss.getUri());
        assertThat(chosen.getEndpointUrl()).isEqualTo("opc.tcp://10.0.0.7:4841/ua");
    }

    @Test
    void refusesNoneUnlessAllowedExplicitly() throws Exception {
        assertThatThrownBy(() -> new EndpointSelector("None", "SignAndEncrypt", false))
                .hasMessageContaining("None is refused").hasMessageContaining("allowNone=true");
        EndpointSelector allowed = new EndpointSelector("None", "SignAndEncrypt", true);
        assertThat(allowed.select(List.of(endpoint(SecurityPolicy.None, MessageSecurityMode.None)), "opc.tcp://h:1/x"))
                .isNotNull();
    }

    @Test
    void aServerOfferingOnlyNoneFailsWithThatReason() throws Exception {
        EndpointSelector selector = new EndpointSelector("Basic256Sha256", "SignAndEncrypt", false);
        assertThatThrownBy(() -> selector.select(List.of(endpoint(SecurityPolicy.None, MessageSecurityMode.None)),
                "opc.tcp://h:1/x")).hasMessageContaining("offers only security policy None");
        assertThatThrownBy(() -> selector.select(List.of(endpoint(SecurityPolicy.Basic256Sha256, MessageSecurityMode.Sign)),
                "opc.tcp://h:1/x")).hasMessageContaining("it offers: Basic256Sha256/Sign");
        assertThatThrownBy(() -> new EndpointSelector("Basic128Rsa15", "Sign", false)).hasMessageContaining("accepted:");
    }
}
