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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stage's windowing and micro-batching, with a scorer that records the batches it gets. */
class StageTest {

    private final ScoringPool pool = new ScoringPool(2);

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

    @Test
    void stagesOfOneModelShareBatchesAndEachGetsItsOwnResultsInOrder() throws Exception {
        Scorer scorer = blockingFirst(true);
        List<InferenceResult> other = new CopyOnWriteArrayList<>();
        Object model = new Object();
        Stage a = pool.open(model, config(MissingValuePolicy.IMPUTE, 16), new CountWindower(4, 4, 1), new double[] {0},
                scorer, results::add, () -> { });
        Stage b = pool.open(model, config(MissingValuePolicy.IMPUTE, 16), new CountWindower(4, 4, 1), new double[] {0},
                scorer, other::add, () -> { });
        feed(a, 0, 4);
        assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
        feed(a, 4, 4 * 3);
        feed(b, 1000, 4 * 4);
        release.countDown();

        awaitResults(4);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (other.size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        a.close();
        b.close();

        // The blocked run held a's first window; the 7 queued meanwhile, from both stages, went in one run.
        assertThat(batchSizes).containsExactly(1, 7);
        assertThat(results).extracting(r -> r.windowStart().toEpochMilli()).containsExactly(0L, 4L, 8L, 12L);
        assertThat(other).extracting(r -> r.windowStart().toEpochMilli()).containsExactly(1000L, 1004L, 1008L, 1012L);
        assertThat(a.counters().batches()).isEqualTo(2);
        assertThat(b.counters().batches()).isEqualTo(1);
    }

    @Test
    void aConsumerThatBlocksHoldsOnlyItsOwnStage() throws Exception {
        ScoringPool one = new ScoringPool(1);
        try {
            CountDownLatch unblock = new CountDownLatch(1);
            List<InferenceResult> blocked = new CopyOnWriteArrayList<>();
            Object model = new Object();
            Stage a = one.open(model, config(MissingValuePolicy.IMPUTE, 4), new CountWindower(4, 4, 1),
                    new double[] {0}, blockingFirst(false), result -> {
                        try {
                            unblock.await(30, TimeUnit.SECONDS); // a full downstream queue, say
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        blocked.add(result);
                    }, () -> { });
            Stage b = one.open(model, config(MissingValuePolicy.IMPUTE, 4), new CountWindower(4, 4, 1),
                    new double[] {0}, blockingFirst(false), results::add, () -> { });
            feed(a, 0, 4 * 10);
            feed(b, 1000, 4 * 10);

            // b's ten results arrive although a's consumer holds its first one (same model, one scoring thread).
            awaitResults(10);
            assertThat(results).extracting(r -> r.windowStart().toEpochMilli())
                    .containsExactly(1000L, 1004L, 1008L, 1012L, 1016L, 1020L, 1024L, 1028L, 1032L, 1036L);
            assertThat(blocked).isEmpty();

            unblock.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (blocked.size() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(blocked).extracting(r -> r.windowStart().toEpochMilli())
                    .containsExactly(0L, 4L, 8L, 12L, 16L, 20L, 24L, 28L, 32L, 36L);
            a.close();
            b.close();
        } finally {
            one.close();
        }
    }

    @Test
    void aHundredStagesAreScoredByThePoolsThreadsOnly() throws Exception {
        List<Stage> stages = new ArrayList<>();
        Object model = new Object();
        for (int i = 0; i < 100; i++) {
            stages.add(pool.open(model, config(MissingValuePolicy.IMPUTE, 64), new CountWindower(4, 1, 1),
                    new double[] {0}, blockingFirst(false), results::add, () -> { }));
        }
        for (Stage stage : stages) {
            feed(stage, 0, 8);
        }
        awaitResults(100 * 5);
        long scoringThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("continuum-inference-")
                        && !t.getName().startsWith("continuum-inference-results-")).count();
        stages.forEach(Stage::close);

        assertThat(scoringThreads).isBetween(1L, 2L);
        assertThat(stages).allSatisfy(s -> assertThat(s.counters().results()).isEqualTo(5));
    }

    @Test
    void aFailingConsumerCountsAFailureAndTheNextResultsStillArrive() throws Exception {
        boolean[] thrown = {false};
        Stage stage = pool.open(config(MissingValuePolicy.IMPUTE, 1), new CountWindower(4, 4, 1), new double[] {0},
                blockingFirst(false), result -> {
                    if (!thrown[0]) {
                        thrown[0] = true;
                        throw new IllegalStateException("consumer down");
                    }
                    results.add(result);
                }, () -> { });
        feed(stage, 0, 4 * 3);

        awaitResults(2);
        stage.close();

        assertThat(stage.counters().failures()).isEqualTo(1);
        assertThat(stage.counters().results()).isEqualTo(2);
    }

    @Test
    void aCallerWaitingForRoomInAFullQueueGivesUpWhenTheStageClosesAndNothingGoesUncounted() throws Exception {
        CountDownLatch unblock = new CountDownLatch(1);
        Stage stage = pool.open(config(MissingValuePolicy.IMPUTE, 64), new CountWindower(4, 4, 1), new double[] {0},
                blockingFirst(false), result -> {
                    try {
                        unblock.await(30, TimeUnit.SECONDS); // a downstream that takes nothing
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    results.add(result);
                }, () -> { });
        // More windows than the results queue and the windows queue hold together.
        Thread driver = new Thread(() -> feed(stage, 0, 4 * (2 * Stage.QUEUE + 800)), "driver");
        driver.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(stage.counters().windows() > 2 * Stage.QUEUE && driver.getState() == Thread.State.TIMED_WAITING)
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(driver.getState()).as("blocked by back-pressure").isEqualTo(Thread.State.TIMED_WAITING);

        Thread closing = new Thread(stage::close, "closing");
        closing.start();
        driver.join(5000);
        assertThat(driver.isAlive()).as("the driver's thread left once the stage closed").isFalse();
        unblock.countDown();
        closing.join(15_000);

        var counters = stage.counters();
        assertThat(counters.failures()).isGreaterThanOrEqualTo(1);
        assertThat(counters.results() + counters.failures()).as("every window scored or counted").isEqualTo(
                counters.windows());
    }

    @Test
    void aWindowMadeWhileTheStageClosesIsCountedAsFailedNotLeftInItsQueue() throws Exception {
        CountDownLatch windowing = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        CountWindower counting = new CountWindower(4, 4, 1);
        // The caller's thread is still windowing a sample (it passed the closing check) while the stage closes.
        Windower slow = (row, time, replaced) -> {
            Window[] made = counting.add(row, time, replaced);
            if (made.length > 0) {
                windowing.countDown();
                try {
                    closed.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return made;
        };
        Stage stage = pool.open(config(MissingValuePolicy.IMPUTE, 8), slow, new double[] {0}, blockingFirst(false),
                results::add, () -> { });
        Thread driver = new Thread(() -> feed(stage, 0, 4), "driver");
        driver.start();
        assertThat(windowing.await(10, TimeUnit.SECONDS)).isTrue();

        stage.close(); // nothing queued yet: it ends at once, and nothing scores this stage's windows any more
        closed.countDown();
        driver.join(5000);

        var counters = stage.counters();
        assertThat(counters.windows()).isEqualTo(1);
        assertThat(counters.results() + counters.failures()).as("the window scored or counted").isEqualTo(1);
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    private Stage stage(MissingValuePolicy policy, int maxBatch, boolean blockFirst) {
        return pool.open(config(policy, maxBatch), new CountWindower(4, 4, 1), new double[] {0},
                blockingFirst(blockFirst), results::add, () -> { });
    }

    private static StageConfig config(MissingValuePolicy policy, int maxBatch) {
        return new StageConfig("m", List.of("a/x"), WindowKind.COUNT, 0, 0, 0, policy, maxBatch, 0);
    }

    /** A scorer that records batch sizes and, when {@code blockFirst}, holds its first run until released. */
    private Scorer blockingFirst(boolean blockFirst) {
        boolean[] first = {blockFirst};
        return windows -> {
            boolean block = first[0];
            first[0] = false;
            try {
                return score(windows, block);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        };
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
