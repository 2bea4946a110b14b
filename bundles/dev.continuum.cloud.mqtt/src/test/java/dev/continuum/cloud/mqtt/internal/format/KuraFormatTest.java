package dev.continuum.cloud.mqtt.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.DedupId;
import dev.continuum.cloud.mqtt.internal.endpoint.EndpointConfig;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraPayloadCodec;
import dev.continuum.outbox.OutboxRecord;
import java.util.LinkedHashMap;
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
                KuraPayload wire = KuraPayloadCodec.decode(KuraFormat.wirePayload(record(gateway, stored), historical,
                        EndpointConfig.KURA_GZIP_MIN_BYTES));

                assertThat(wire.timestamp()).isEqualTo(42L);
                assertThat(wire.metrics()).containsEntry("celsius", 81.5)
                        .containsEntry(KuraFormat.DEDUP_METRIC, gateway + "/3/123456789");
                assertThat(wire.metrics().containsKey(KuraFormat.HISTORICAL_METRIC)).isEqualTo(historical);
            }
        }
    }

    @Test
    void aLargeWirePayloadIsGzippedWhenThatIsSmallerUnlessGzipIsOff() {
        byte[] stored = KuraPayloadCodec.encode(new KuraPayload(42L, Map.of(), new byte[2000]));

        byte[] wire = KuraFormat.wirePayload(record("gw-1", stored), false, EndpointConfig.KURA_GZIP_MIN_BYTES);
        byte[] off = KuraFormat.wirePayload(record("gw-1", stored), false, 0);

        assertThat(KuraPayloadCodec.isGzip(wire)).isTrue();
        assertThat(wire.length).isLessThan(200);
        assertThat(KuraPayloadCodec.decode(wire).body()).hasSize(2000);
        assertThat(KuraPayloadCodec.decode(wire).metrics()).containsEntry(KuraFormat.DEDUP_METRIC, "gw-1/3/123456789");
        assertThat(KuraPayloadCodec.isGzip(off)).isFalse();
        assertThat(KuraPayloadCodec.decode(off).body()).hasSize(2000);
    }

    @Test
    void aFewHundredByteResultIsGzippedByDefaultAndSentAsItIsFromAOneKilobyteMinimum() {
        // two model results in one record (~440 bytes on the wire)
        Map<String, Object> result = new LinkedHashMap<>();
        for (String model : new String[] {"vibration-anomaly", "bearing-anomaly"}) {
            result.put(model + ".version", "1.0.0");
            result.put(model + ".score", 0.0123456789);
            result.put(model + ".label", "normal");
            result.put(model + ".latency.us", 187.25);
            result.put(model + ".window.start", 1_795_000_000_000L);
        }
        byte[] stored = KuraPayloadCodec.encode(new KuraPayload(1_795_000_000_160L, result, null));
        OutboxRecord record = record("gw-line", stored);

        byte[] wire = new KuraFormat(null, null, null, EndpointConfig.KURA_GZIP_MIN_BYTES).wire(record, false).get(0)
                .payload();
        byte[] plain = KuraFormat.wirePayload(record, false, 1024);

        assertThat(plain.length).as("the uncompressed result").isBetween(256, 1023);
        assertThat(KuraPayloadCodec.isGzip(plain)).isFalse();
        assertThat(KuraPayloadCodec.decode(plain).metrics()).containsAllEntriesOf(result)
                .containsEntry(KuraFormat.DEDUP_METRIC, "gw-line/3/123456789");
        assertThat(KuraPayloadCodec.isGzip(wire)).as("the default 256-byte minimum gzips it").isTrue();
        assertThat(wire.length).isLessThan(plain.length);
        assertThat(KuraPayloadCodec.decode(wire).metrics()).isEqualTo(KuraPayloadCodec.decode(plain).metrics());
    }
}
