package dev.continuum.placement.internal.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.continuum.api.inference.Window;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeaturesTest {

    @Test
    void summarisesEachChannelAsMeanStdMinMaxWithoutTheRawValues() {
        // Two channels, four steps, time-major: channel 0 is 1, 2, 3, 4; channel 1 is 10 throughout.
        Window window = new Window(Instant.EPOCH, Instant.EPOCH, new float[] {1, 10, 2, 10, 3, 10, 4, 10}, false);

        float[] features = Features.of(List.of(window, window), 2);

        assertThat(features).hasSize(16);
        assertThat(features[0]).isEqualTo(2.5f);
        assertThat(features[1]).isCloseTo((float) Math.sqrt(1.25), within(1e-6f));
        assertThat(features[2]).isEqualTo(1f);
        assertThat(features[3]).isEqualTo(4f);
        assertThat(new float[] {features[4], features[5], features[6], features[7]}).containsExactly(10, 0, 10, 10);
    }
}
