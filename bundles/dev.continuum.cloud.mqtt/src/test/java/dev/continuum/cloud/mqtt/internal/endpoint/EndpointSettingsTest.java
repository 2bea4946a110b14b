package dev.continuum.cloud.mqtt.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.api.cloud.DurabilityPolicy;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointSettingsTest {

    /** A config with the annotation's defaults, overridden by {@code values}. */
    static EndpointConfig config(Map<String, Object> values) {
        return (EndpointConfig) Proxy.newProxyInstance(EndpointConfig.class.getClassLoader(),
                new Class<?>[] {EndpointConfig.class}, (proxy, method, args) -> values.containsKey(method.getName())
                        ? values.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    void defaultsAreValidWithGroupCommitAndTheClientIdAsGatewayId() {
        EndpointSettings settings = EndpointSettings.check(config(Map.of()));
        assertThat(settings.durability()).isEqualTo(DurabilityPolicy.GROUP_COMMIT);
        assertThat(settings.gatewayId()).isEqualTo("continuum-gateway");
        assertThat(settings.mqtt5()).isTrue();
    }

    @Test
    void reportsEveryProblemAtOnceNamingWhatIsAccepted() {
        assertThatThrownBy(() -> EndpointSettings.check(config(Map.of(
                "brokerUris", new String[] {"http://broker:80", "tcp://ok:1883"},
                "protocolVersion", "4",
                "durability", "sometimes",
                "maxInflight", 0,
                "kuraGzipMinBytes", -1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scheme http; accepted: tcp, ssl, ws, wss")
                .hasMessageContaining("protocolVersion '4' is not supported; accepted: 5, 3.1.1")
                .hasMessageContaining("durability 'sometimes' is not one of [SYNC_EACH, GROUP_COMMIT, MEMORY]")
                .hasMessageContaining("maxInflight 0 must be 1..65535")
                .hasMessageContaining("kuraGzipMinBytes -1 must be >= 0 (0 = never gzip)");
    }

    @Test
    void aBrokerOverrideReplacesTheConfiguredUris() {
        EndpointSettings settings = EndpointSettings.check(config(Map.of()), "tcp://other:1883, ssl://backup:8883");
        assertThat(settings.brokerUris()).containsExactly("tcp://other:1883", "ssl://backup:8883");
        assertThatThrownBy(() -> EndpointSettings.check(config(Map.of()), "mqtt://x:1"))
                .hasMessageContaining("broker URI 'mqtt://x:1' has scheme mqtt; accepted: tcp, ssl, ws, wss");
    }

    @Test
    void acceptsEveryTransportScheme() {
        EndpointSettings settings = EndpointSettings.check(config(Map.of("brokerUris",
                new String[] {"tcp://a:1883", "ssl://b:8883", "ws://c:80/mqtt", "wss://d:443/mqtt"},
                "protocolVersion", "3.1.1")));
        assertThat(settings.brokerUris()).hasSize(4);
        assertThat(settings.mqtt5()).isFalse();
    }

    @Test
    void aJsonEndpointWithABadTopicTemplateFailsNamingThePlaceholderAndAnUnknownFormatNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> EndpointSettings.check(config(Map.of("format", "JSON",
                "topicTemplate", "continuum/{gatewayId}/{site}/{asset}", "statusTopic", "continuum/{asset}/status"))))
                .hasMessageContaining("topicTemplate 'continuum/{gatewayId}/{site}/{asset}': unknown placeholder {site}")
                .hasMessageContaining("statusTopic 'continuum/{asset}/status' may use {gatewayId}, {clientId},"
                        + " {account} only");
        assertThatThrownBy(() -> EndpointSettings.check(config(Map.of("format", "xml"))))
                .hasMessageContaining("format 'xml' is not one of [KURA, JSON, SPARKPLUG_B]");
        EndpointSettings json = EndpointSettings.check(config(Map.of("format", "json", "gatewayId", "gw-9")));
        assertThat(json.statusTopic()).isEqualTo("continuum/gw-9/status");
    }
}
