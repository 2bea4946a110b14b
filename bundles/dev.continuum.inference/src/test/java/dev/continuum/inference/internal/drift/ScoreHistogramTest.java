package dev.continuum.inference.internal.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.inference.ModelManifest;
import dev.continuum.api.inference.ScoreDistribution;
import dev.continuum.inference.internal.TestModels;
import dev.continuum.inference.internal.store.ManifestReader;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ScoreHistogramTest {

    private final AtomicLong clock = new AtomicLong(123_456_789L);

    @Test
    void countsScoresInTheBinsOfTheManifestsScoreReference() throws Exception {
        ModelManifest manifest = ManifestReader.parse(TestModels.manifest());
        ScoreHistogram histogram = new ScoreHistogram(manifest, clock::get);
        double[] edges = manifest.reference().get(2).edges();

        float inBin4 = (float) ((edges[3] + edges[4]) / 2);
        histogram.add(new float[] {(float) edges[0] - 1, inBin4, inBin4, 99f}, 3);

        ScoreDistribution distribution = histogram.snapshot();
        assertThat(distribution.edges()).containsExactly(edges);
        assertThat(distribution.counts()[0]).isEqualTo(1);
        assertThat(distribution.counts()[4]).isEqualTo(2);
        assertThat(distribution.total()).isEqualTo(3);
        assertThat(distribution.version()).isEqualTo(manifest.version());
        assertThat(distribution.period()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void forgetsScoresOlderThanItsPeriod() throws Exception {
        ScoreHistogram histogram = new ScoreHistogram(ManifestReader.parse(TestModels.manifest()), clock::get);
        histogram.add(new float[] {0.5f, 0.5f}, 2);
        clock.addAndGet(ScoreHistogram.SLOT_NANOS * (ScoreHistogram.SLOTS - 1));
        histogram.add(new float[] {0.5f}, 1);
        assertThat(histogram.snapshot().total()).isEqualTo(3);

        clock.addAndGet(ScoreHistogram.SLOT_NANOS);
        assertThat(histogram.snapshot().total()).isEqualTo(1);

        // The slot of the first scores is reused: its old counts do not come back.
        histogram.add(new float[] {0.5f}, 1);
        assertThat(histogram.snapshot().total()).isEqualTo(2);
        clock.addAndGet(ScoreHistogram.SLOT_NANOS * ScoreHistogram.SLOTS);
        assertThat(histogram.snapshot().total()).isZero();
    }
}
