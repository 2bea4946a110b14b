package dev.continuum.cloud.mqtt.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.DedupId;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraPayloadCodec;
import dev.continuum.outbox.OutboxRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KuraFormatTest {

    private static OutboxRecord record(String gateway, byte[] payload) {
        return new OutboxRecord(new DedupId(gateway, 3, 123_456_789L), 1L, "acme/gw/app/t", payload, 1, false, 5);
    }

    @Test
    void theWirePayloadIsTheStoredPayloadWithItsDedupIdAndHistoricalFlagAsMetrics() {
        byte[] stored = KuraPayloadCodec.encode(new KuraPayload(42L, Map.of("celsius", 81.5), null));
        String longGateway = "g".repeat(150); // lengths over 127 take two varint bytes

        for (String gateway : new String[] {"gw-1", longGateway}) {
            for (boolean historical : new boolean[] {false, true}) {
                KuraPayload wire = KuraPayloadCodec.decode(KuraFormat.wirePayload(record(gateway, stored), historical));

                assertThat(wire.timestamp()).isEqualTo(42L);
                assertThat(wire.metrics()).containsEntry("celsius", 81.5)
                        .containsEntry(KuraFormat.DEDUP_METRIC, gateway + "/3/123456789");
                assertThat(wire.metrics().containsKey(KuraFormat.HISTORICAL_METRIC)).isEqualTo(historical);
            }
        }
    }

    @Test
    void aLargeWirePayloadIsGzippedWhenThatIsSmaller() {
        byte[] stored = KuraPayloadCodec.encode(new KuraPayload(42L, Map.of(), new byte[2000]));

        byte[] wire = KuraFormat.wirePayload(record("gw-1", stored), false);

        assertThat(KuraPayloadCodec.isGzip(wire)).isTrue();
        assertThat(KuraPayloadCodec.decode(wire).body()).hasSize(2000);
    }
}
