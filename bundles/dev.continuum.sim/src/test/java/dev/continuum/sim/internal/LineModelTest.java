package dev.continuum.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineModelTest {

    @Test
    void theSameSeedGivesTheSameSignals() {
        LineModel a = new LineModel(7, 1, 100, 0.01);
        LineModel b = new LineModel(7, 1, 100, 0.01);
        for (int i = 0; i < 1000; i++) {
            a.step();
            b.step();
            assertThat(a.temperature()).isEqualTo(b.temperature());
            assertThat(a.anomaly()).isEqualTo(b.anomaly());
        }
    }

    @Test
    void anomaliesRaiseVibrationAndOccurAtRoughlyTheConfiguredRate() {
        LineModel model = new LineModel(3, 0, 100, 0.01);
        int anomalous = 0;
        double normalVibration = 0;
        double anomalousVibration = 0;
        int normal = 0;
        for (int i = 0; i < 5000; i++) {
            model.step();
            if (!model.running()) {
                continue;
            }
            if (model.anomaly()) {
                anomalous++;
                anomalousVibration += model.vibration();
            } else {
                normal++;
                normalVibration += model.vibration();
            }
        }
        assertThat(anomalous).isGreaterThan(0);
        assertThat(anomalousVibration / anomalous).isGreaterThan(2 * normalVibration / normal);
    }

    @Test
    void noAnomaliesAtRateZero() {
        LineModel model = new LineModel(3, 0, 100, 0.0);
        for (int i = 0; i < 2000; i++) {
            model.step();
            assertThat(model.anomaly()).isFalse();
        }
    }

    @Test
    void aShorterCycleBringsThePauseSoonerAndKeepsOneCycleInTenPaused() {
        LineModel model = new LineModel(3, 0, 100, 0.0, 2.0);
        int paused = 0;
        int firstPause = -1;
        for (int i = 1; i <= 2000; i++) {
            model.step();
            if (!model.running()) {
                paused++;
                firstPause = firstPause < 0 ? i : firstPause;
            }
        }
        // Cycles of 2 s at 100 ms updates: the 10th cycle (updates 180..199) is the first pause.
        assertThat(firstPause).isBetween(179, 181);
        assertThat(paused).isBetween(190, 210);
    }
}
