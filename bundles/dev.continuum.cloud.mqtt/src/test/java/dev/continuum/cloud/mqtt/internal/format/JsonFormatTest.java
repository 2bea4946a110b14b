package dev.continuum.cloud.mqtt.internal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.api.cloud.CloudMessage;
import dev.continuum.api.cloud.DedupId;
import dev.continuum.api.data.TypedValue;
import dev.continuum.outbox.OutboxRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonFormatTest {

    private final JsonFormat format = new JsonFormat(TopicTemplate.parse("topicTemplate",
            "continuum/{gatewayId}/{asset}/{channel}", Map.of("gatewayId", "gw-7")), "continuum/gw-7/status");

    private static OutboxRecord stored(WireFormat.Stored stored) {
        return new OutboxRecord(new DedupId("gw-7", 3, 42), 1000, stored.topic(), stored.payload(), 1, false, 5);
    }

    @Test
    void writesTimestampMetricsBodyAndTheDedupIdOnTheTemplatedTopic() throws Exception {
        CloudMessage message = CloudMessage.builder("press-1/temperature").timestamp(1_700_000_000_000L)
                .metric("celsius", TypedValue.ofDouble(81.5)).metric("ok", TypedValue.ofBoolean(true))
                .metric("note", TypedValue.ofString("say \"hi\"\n")).metric("n", TypedValue.ofLong(7))
                .body(new byte[] {1, 2}).build();

        List<WireFormat.Publish> wire = format.wire(stored(format.encode(message)), true);

        assertThat(wire).hasSize(1);
        assertThat(wire.get(0).topic()).isEqualTo("continuum/gw-7/press-1/temperature");
        assertThat(new String(wire.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("{\"timestamp\":1700000000000,"
                + "\"metrics\":{\"celsius\":81.5,\"ok\":true,\"note\":\"say \\\"hi\\\"\\n\",\"n\":7},\"body\":\"AQI=\","
                + "\"dedupId\":\"gw-7/3/42\",\"historical\":true}");
    }

    @Test
    void nonFiniteNumbersBecomeStringsAndLiveMessagesCarryNoHistoricalFlag() throws Exception {
        CloudMessage message = CloudMessage.builder("a/b").timestamp(5).metric("x", TypedValue.ofDouble(Double.NaN))
                .build();

        String json = new String(format.wire(stored(format.encode(message)), false).get(0).payload(),
                StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"timestamp\":5,\"metrics\":{\"x\":\"NaN\"},\"dedupId\":\"gw-7/3/42\"}");
    }

    @Test
    void statusIsRetainedOnlineOnConnectAndOfflineAsTheWill() {
        assertThat(format.births()).singleElement().satisfies(p -> {
            assertThat(p.topic()).isEqualTo("continuum/gw-7/status");
            assertThat(new String(p.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"online\":true}");
            assertThat(p.retain()).isTrue();
        });
        assertThat(new String(format.will().payload(), StandardCharsets.UTF_8)).isEqualTo("{\"online\":false}");
        assertThat(format.will().retain()).isTrue();
    }

    @Test
    void wildcardsInThePublishersTopicAreRefusedNamingTheRule() {
        assertThatThrownBy(() -> format.encode(CloudMessage.builder("press-1/#").build()))
                .hasMessageContaining("wildcard");
    }
}
