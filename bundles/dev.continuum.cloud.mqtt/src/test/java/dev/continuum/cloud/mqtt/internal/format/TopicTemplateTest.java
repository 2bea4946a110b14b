package dev.continuum.cloud.mqtt.internal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.api.cloud.CloudException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicTemplateTest {

    private static final Map<String, String> IDENTITY = Map.of("gatewayId", "gw-7", "clientId", "client-7",
            "account", "acme");

    @Test
    void resolvesIdentityAssetAndChannelPlaceholders() throws Exception {
        TopicTemplate template = TopicTemplate.parse("topicTemplate", "continuum/{gatewayId}/{asset}/{channel}",
                IDENTITY);

        assertThat(template.resolve("press-1/temperature")).isEqualTo("continuum/gw-7/press-1/temperature");
        assertThat(template.resolve("press-1/axis/x")).isEqualTo("continuum/gw-7/press-1/axis/x");
        assertThat(TopicTemplate.parse("t", "{account}/{clientId}/{topic}", IDENTITY).resolve("a/b"))
                .isEqualTo("acme/client-7/a/b");
    }

    @Test
    void anUnknownPlaceholderIsRefusedNamingItAndTheAcceptedOnes() {
        assertThatThrownBy(() -> TopicTemplate.parse("topicTemplate", "plant/{site}/{asset}", IDENTITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown placeholder {site}")
                .hasMessageContaining("accepted placeholders: {gatewayId}, {clientId}, {account}, {topic}, {asset},"
                        + " {channel}");
    }

    @Test
    void wildcardsLeadingDollarAndUnbalancedBracesAreRefused() {
        assertThatThrownBy(() -> TopicTemplate.parse("topicTemplate", "plant/+/{asset}", IDENTITY))
                .hasMessageContaining("wildcard");
        assertThatThrownBy(() -> TopicTemplate.parse("topicTemplate", "$SYS/{asset}", IDENTITY))
                .hasMessageContaining("'$'");
        assertThatThrownBy(() -> TopicTemplate.parse("topicTemplate", "plant/{asset", IDENTITY))
                .hasMessageContaining("unbalanced");
        assertThatThrownBy(() -> TopicTemplate.parse("topicTemplate", "plant/{gatewayId}",
                Map.of("gatewayId", "gw/#"))).hasMessageContaining("gatewayId 'gw/#' cannot be a topic part");
    }

    @Test
    void aOneLevelTopicIsRefusedWhenTheTemplateNeedsAChannel() throws Exception {
        TopicTemplate template = TopicTemplate.parse("topicTemplate", "c/{asset}/{channel}", IDENTITY);

        assertThatThrownBy(() -> template.resolve("press-1")).isInstanceOf(CloudException.class)
                .hasMessageContaining("needs {channel}");
        assertThat(((CloudException) catchThrowable(() -> template.resolve("press-1"))).reason())
                .isEqualTo(CloudException.Reason.INVALID_TOPIC);
    }

    private static Throwable catchThrowable(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return org.assertj.core.api.Assertions.catchThrowable(call);
    }
}
