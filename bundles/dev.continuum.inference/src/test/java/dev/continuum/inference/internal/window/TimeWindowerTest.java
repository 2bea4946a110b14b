package dev.continuum.inference.internal.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.inference.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeWindowerTest {

    @Test
    void tumblingTimeWindowsAreResampledToTheModelsLength() {
        TimeWindower windower = new TimeWindower(4, 1, 100, 100);
        List<Window> windows = new ArrayList<>();
        for (int ms = 0; ms <= 200; ms += 10) {
            windows.addAll(List.of(windower.add(new float[] {ms}, Instant.ofEpochMilli(ms), false)));
        }

        assertThat(windows).hasSize(2);
        // 10 steps (0..90 ms) resampled to 4: indexes 0, 2, 5, 7.
        assertThat(windows.get(0).values()).containsExactly(0, 20, 50, 70);
        assertThat(windows.get(0).start()).isEqualTo(Instant.ofEpochMilli(0));
        assertThat(windows.get(0).end()).isEqualTo(Instant.ofEpochMilli(90));
        assertThat(windows.get(1).values()[0]).isEqualTo(100);
    }

    @Test
    void aGapEmitsTheWindowsBeforeItAndSkipsEmptyOnes() {
        TimeWindower windower = new TimeWindower(2, 1, 100, 50);
        windower.add(new float[] {1}, Instant.ofEpochMilli(0), false);
        windower.add(new float[] {2}, Instant.ofEpochMilli(60), false);

        Window[] windows = windower.add(new float[] {3}, Instant.ofEpochMilli(1000), false);

        // [0,100) holds 0 and 60; [50,150) holds 60; later windows are empty.
        assertThat(windows).hasSize(2);
        assertThat(windows[0].values()).containsExactly(1, 2);
        assertThat(windows[1].values()).containsExactly(2, 2);
    }
}
