package dev.continuum.cloud.mqtt.kura;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KuraPayloadCodecTest {

    @Test
    void encodesTheFieldNumbersAndTypesOfKurapayloadProto() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("t", 1.5);
        byte[] encoded = KuraPayloadCodec.encode(new KuraPayload(1L, metrics, new byte[] {7}));
        // 08 01: timestamp=1 | c2 b8 02 (field 5000, LEN) 0e: metric | 0a 01 74 name "t" | 10 00 type DOUBLE
        // | 19 + 8 bytes: double_value 1.5 | ca b8 02 (field 5001, LEN) 01 07: body
        assertThat(HexFormat.of().formatHex(encoded))
                .isEqualTo("0801" + "c2b8020e" + "0a0174" + "1000" + "19000000000000f83f" + "cab8020107");
    }

    @Test
    void everyMetricTypeRoundTrips() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("double", -2.25);
        metrics.put("float", 3.5f);
        metrics.put("long", -5_000_000_000L);
        metrics.put("int", -7);
        metrics.put("bool", true);
        metrics.put("string", "grüße");
        metrics.put("bytes", new byte[] {1, 2, 3});
        KuraPayload decoded = KuraPayloadCodec.decode(KuraPayloadCodec.encode(new KuraPayload(42L, metrics, null)));
        assertThat(decoded.timestamp()).isEqualTo(42L);
        assertThat(decoded.metrics()).containsEntry("double", -2.25).containsEntry("float", 3.5f)
                .containsEntry("long", -5_000_000_000L).containsEntry("int", -7).containsEntry("bool", true)
                .containsEntry("string", "grüße");
        assertThat((byte[]) decoded.metrics().get("bytes")).containsExactly(1, 2, 3);
        assertThat(decoded.body()).isNull();
    }

    @Test
    void anAppendedMetricFieldMergesIntoTheEncodedPayload() {
        byte[] base = KuraPayloadCodec.encode(new KuraPayload(1L, Map.of("a", 1), "body".getBytes()));
        byte[] extra = KuraPayloadCodec.metricField("dedup", "gw/1/2");
        byte[] merged = new byte[base.length + extra.length];
        System.arraycopy(base, 0, merged, 0, base.length);
        System.arraycopy(extra, 0, merged, base.length, extra.length);
        KuraPayload decoded = KuraPayloadCodec.decode(merged);
        assertThat(decoded.metrics()).containsEntry("a", 1).containsEntry("dedup", "gw/1/2");
        assertThat(new String(decoded.body(), StandardCharsets.UTF_8)).isEqualTo("body");
    }

    @Test
    void gzipsOnlyWhenThatIsSmallerAndDecodesGzippedPayloads() {
        byte[] compressible = KuraPayloadCodec.encode(new KuraPayload(1L, Map.of("text", "abc".repeat(500)), null));
        byte[] gzipped = KuraPayloadCodec.gzipIfSmaller(compressible);
        assertThat(KuraPayloadCodec.isGzip(gzipped)).isTrue();
        assertThat(gzipped.length).isLessThan(compressible.length);
        assertThat(KuraPayloadCodec.decode(gzipped).metrics()).containsEntry("text", "abc".repeat(500));

        byte[] small = KuraPayloadCodec.encode(new KuraPayload(1L, Map.of("x", 1), null));
        assertThat(KuraPayloadCodec.gzipIfSmaller(small)).isSameAs(small);
    }

    @Test
    void rejectsMalformedBytesAndUnsupportedValuesWithAClearMessage() {
        assertThatThrownBy(() -> KuraPayloadCodec.decode(new byte[] {(byte) 0xc2, (byte) 0xb8, 0x02, 0x7f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runs past the end");
        assertThatThrownBy(() -> KuraPayloadCodec.metricField("m", new Object()))
                .hasMessageContaining("accepted: Double, Float, Long, Integer, Boolean, String, byte[]");
    }

    @Test
    void topicNamespaceAndAppTopicRules() {
        KuraTopics topics = new KuraTopics("$EDC", "acme", "gw-7");
        assertThat(topics.data("W1/line/temp")).isEqualTo("acme/gw-7/W1/line/temp");
        assertThat(topics.birth()).isEqualTo("$EDC/acme/gw-7/MQTT/BIRTH");
        assertThat(topics.disconnect()).isEqualTo("$EDC/acme/gw-7/MQTT/DC");
        assertThat(topics.will()).isEqualTo("$EDC/acme/gw-7/MQTT/LWT");
        assertThat(topics.controlSubscription()).isEqualTo("$EDC/acme/gw-7/#");
        assertThat(KuraTopics.checkAppTopic("app/res")).isNull();
        assertThat(KuraTopics.checkAppTopic("app/+/x")).contains("wildcard");
        assertThat(KuraTopics.checkAppTopic("app/#")).contains("wildcard");
        assertThat(KuraTopics.checkAppTopic("/app")).contains("empty level");
        assertThat(KuraTopics.checkAppTopic("")).contains("empty");
    }
}
