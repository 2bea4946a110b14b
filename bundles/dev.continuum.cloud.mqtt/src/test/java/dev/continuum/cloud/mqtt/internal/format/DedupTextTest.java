package dev.continuum.cloud.mqtt.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.DedupId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DedupTextTest {

    @Test
    void writesTheSameBytesAsTheIdsTextForEveryGatewayEpochAndSequence() {
        DedupText text = new DedupText();
        List<DedupId> ids = List.of(new DedupId("gw-1", 7, 0), new DedupId("gw-1", 7, 9), new DedupId("gw-1", 7, 10),
                new DedupId("gw-1", 8, 1_234_567_890_123L), new DedupId("gw-ü€", 8, Long.MAX_VALUE),
                new DedupId("gw-ü€", 8, -42), new DedupId("gw-1", -1, 99));
        for (DedupId id : ids) {
            byte[] out = new byte[3 + 64];
            int length = text.prepare(id);
            int end = text.write(out, 3);

            assertThat(end).isEqualTo(3 + length);
            assertThat(new String(Arrays.copyOfRange(out, 3, end), StandardCharsets.UTF_8)).isEqualTo(id.toString());
        }
    }
}
