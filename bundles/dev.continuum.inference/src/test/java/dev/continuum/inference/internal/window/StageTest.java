package dev.continuum.inference.internal.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.data.Sample;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.inference.InferenceResult;
import dev.continuum.api.inference.MissingValuePolicy;
import dev.continuum.api.inference.StageConfig;
import dev.continuum.api.inference.Window;
import dev.continuum.api.inference.WindowKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The stage's windowing and micro-batching, with a scorer that records the batches it gets. */
class StageTest {

    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final List<InferenceResult> results = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch busy = new CountDownLatch(1);

    private List<InferenceResult> score(List<Window> windows, boolean block) throws InterruptedException {
        if (block) {
            busy.countDown();
            release.await(10, TimeUnit.SECONDS);
        }
        batchSizes.add(windows.size());
        List<InferenceResult> out = new ArrayList<>();
        for (Window window : windows) {
            out.add(new InferenceResult("m", "1", window.values()[0], "normal", 1, window.start(), window.end(),
                    window.imputed()));
        }
        return out;
    }

    @Test
    void aLoneWindowIsScoredAtOnceAsABatchOfOne() throws Exception {
        Stage stage = stage(MissingValuePolicy.IMPUTE, 8, false);
        feed(stage, 0, 4);

        awaitResults(1);
        stage.close();

        assertThat(batchSizes).containsExactly(1);
        assertThat(results.get(0).windowStart()).isEqualTo(Instant.ofEpochMilli(0));
        assertThat(results.get(0).windowEnd()).isEqualTo(Instant.ofEpochMilli(3));
    }

    @Test
    void windowsQueuedWhileTheModelIsBusyAreBatchedUpToTheMaximum() throws Exception {
        Stage stage = stage(MissingValuePolicy.IMPUTE, 4, true);
        feed(stage, 0, 4);
        assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
        feed(stage, 4, 4 * 8);
        release.countDown();

        awaitResults(9);
        stage.close();

        // The first window waits in the blocked scorer; the other 8 queue and go in two full batches.
        assertThat(batchSizes).containsExactly(1, 4, 4);
        assertThat(stage.counters().batches()).isEqualTo(3);
        assertThat(stage.counters().results()).isEqualTo(9);
    }

    @Test
    void closingScoresWhatIsQueuedAndIgnoresLaterSamples() throws Exception {
        Stage stage = stage(MissingValuePolicy.IMPUTE, 2, true);
        feed(stage, 0, 4 * 5);
        release.countDown();
        stage.close();
        feed(stage, 100, 4);

        assertThat(results).hasSize(5);
        assertThat(stage.counters().windows()).isEqualTo(5);
    }

    @Test
    void skipDropsAWindowWithABadSampleAndCountsIt() throws Exception {
        Stage stage = stage(MissingValuePolicy.SKIP, 8, false);
        feed(stage, 0, 4);
        stage.accept(Sample.bad("a/x", Instant.ofEpochMilli(4), "Bad_Timeout"));
        feed(stage, 5, 7);

        awaitResults(2);
        stage.close();

        assertThat(stage.counters().skipped()).isEqualTo(1);
        assertThat(stage.counters().imputedValues()).isEqualTo(1);
        assertThat(results).extracting(r -> r.windowStart().toEpochMilli()).containsExactly(0L, 8L);
    }

    private Stage stage(MissingValuePolicy policy, int maxBatch, boolean blockFirst) {
        StageConfig config = new StageConfig("m", List.of("a/x"), WindowKind.COUNT, 0, 0, 0, policy, maxBatch, 0);
        boolean[] first = {blockFirst};
        return new Stage(config, new CountWindower(4, 4, 1), new double[] {0}, windows -> {
            boolean block = first[0];
            first[0] = false;
            try {
                return score(windows, block);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }, results::add, () -> { });
    }

    private static void feed(Stage stage, int fromMillis, int count) {
        for (int t = fromMillis; t < fromMillis + count; t++) {
            stage.accept(Sample.good("a/x", TypedValue.ofDouble(t), Instant.ofEpochMilli(t)));
        }
    }

    private void awaitResults(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (results.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(results).hasSize(count);
    }
}
