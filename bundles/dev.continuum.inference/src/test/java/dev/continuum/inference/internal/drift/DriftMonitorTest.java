package dev.continuum.inference.internal.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.continuum.api.inference.DriftReport;
import dev.continuum.api.inference.ModelManifest;
import dev.continuum.inference.internal.TestModels;
import dev.continuum.inference.internal.store.ManifestReader;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {

    @Test
    void psiIsZeroForTheReferenceAndGrowsWithTheShift() {
        double[] reference = {0.25, 0.25, 0.25, 0.25};

        assertThat(DriftMonitor.psi(reference, new int[] {25, 25, 25, 25}, 100)).isZero();
        double small = DriftMonitor.psi(reference, new int[] {20, 25, 25, 30}, 100);
        double large = DriftMonitor.psi(reference, new int[] {0, 10, 30, 60}, 100);
        assertThat(small).isCloseTo(0.0203, within(1e-3));
        assertThat(large).isGreaterThan(1);
    }

    @Test
    void givesNoVerdictBeforeTheWindowIsFullThenFlagsOnlyTheShiftedFeature() throws Exception {
        ModelManifest manifest = ManifestReader.parse(TestModels.manifest());
        DriftMonitor monitor = new DriftMonitor(manifest, 0.25, 200);
        double[] temperatureEdges = manifest.reference().get(1).edges();
        double[] scoreEdges = manifest.reference().get(2).edges();
        for (int i = 0; i < 199; i++) {
            monitor.observe(new double[] {0, 45}, inBin(scoreEdges, 4));
        }
        assertThat(monitor.report().psi()).isEmpty();
        assertThat(monitor.report().isDrifting()).isFalse();

        // Back on the reference: every decile equally often.
        for (int i = 0; i < 200; i++) {
            monitor.observe(new double[] {0, inBin(temperatureEdges, i % 10)}, inBin(scoreEdges, (i + 3) % 10));
        }
        DriftReport report = monitor.report();
        assertThat(report.observations()).isEqualTo(200);
        assertThat(report.psi()).containsKeys("vibration", "temperature", "score");
        assertThat(report.psi().get("temperature")).isLessThan(1e-9);
        assertThat(report.psi().get("score")).isLessThan(1e-9);
        assertThat(report.drifting()).doesNotContain("temperature", "score");

        for (int i = 0; i < 200; i++) {
            monitor.observe(new double[] {0, 45}, inBin(scoreEdges, i % 10));
        }
        assertThat(monitor.report().drifting()).contains("temperature").doesNotContain("score");
    }

    /** A value in bin {@code bin} of a histogram with these inner edges. */
    private static double inBin(double[] edges, int bin) {
        return bin == 0 ? edges[0] - 1 : edges[bin - 1];
    }
}
