package dev.continuum.inference.internal.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.inference.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountWindowerTest {

    @Test
    void tumblingWindowsCoverEachStepOnceInTimeMajorOrder() {
        List<Window> windows = feed(new CountWindower(4, 4, 2), 12, -1);

        assertThat(windows).hasSize(3);
        assertThat(windows.get(1).values()).containsExactly(4, 40, 5, 50, 6, 60, 7, 70);
        assertThat(windows.get(1).start()).isEqualTo(Instant.ofEpochMilli(4));
        assertThat(windows.get(1).end()).isEqualTo(Instant.ofEpochMilli(7));
    }

    @Test
    void slidingWindowsStartEveryStride() {
        List<Window> windows = feed(new CountWindower(4, 2, 1), 10, -1);

        assertThat(windows).extracting(w -> w.values()[0]).containsExactly(0f, 2f, 4f, 6f);
    }

    @Test
    void aReplacedValueMarksOnlyTheWindowsThatHoldIt() {
        List<Window> windows = feed(new CountWindower(4, 2, 1), 10, 5);

        assertThat(windows).extracting(Window::imputed).containsExactly(false, true, true, false);
    }

    private static List<Window> feed(CountWindower windower, int steps, int replacedStep) {
        List<Window> windows = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            windows.addAll(List.of(windower.add(new float[] {t, t * 10}, Instant.ofEpochMilli(t), t == replacedStep)));
        }
        return windows;
    }
}
