package dev.continuum.pipeline.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.Record;
import dev.continuum.pipeline.internal.graph.ComponentSpec;
import dev.continuum.pipeline.internal.graph.Overflow;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A source's thread that read its stage's wiring or chain before a graph change (the review's P2 and P3):
 * it never calls a stage its chain no longer calls, and never loses a record uncounted.
 */
class StaleWiringTest {

    private final Ticker ticker = new Ticker("stale");
    private final List<Record> accepted = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeTicker() {
        ticker.close();
    }

    private Stage stage(String name) {
        Stage stage = new Stage("stale", new ComponentSpec(name, "t", Map.of(), 8, Overflow.BLOCK, true),
                new Inbox(8, Overflow.BLOCK));
        stage.begin(new Component() {
            @Override
            public void accept(Record record, Emitter out) {
                accepted.add(record);
            }
        });
        return stage;
    }

    /** src calls mid on the sources' threads, and the runner has stopped that chain for a graph change. */
    private Chain stoppedChain(Stage source, Stage mid) {
        source.wire(new Stage.Wiring(mid, new Inbox[0]));
        Chain old = new Chain("stale", List.of(source, mid), ticker);
        old.start();
        source.release();
        old.stop();
        return old;
    }

    @Test
    void aChainDoesNotCallAStageItsSourceNoLongerCalls() {
        Stage source = stage("src");
        Stage mid = stage("mid");
        // After the change: src alone on its threads, mid queued (on a thread of its own).
        source.wire(new Stage.Wiring(null, new Inbox[] {mid.inbox}));
        Chain sourceOnly = new Chain("stale", List.of(source), ticker);
        sourceOnly.start();

        // A driver thread that read the old wiring (src calls mid) and then the new chain.
        boolean called = sourceOnly.call(source, mid, TestComponents.numbered(1));

        assertThat(called).as("refused: the caller forwards again with the new wiring").isFalse();
        assertThat(accepted).isEmpty();
    }

    @Test
    void aRecordForAStageRemovedDuringTheChangeIsCountedAsLost() {
        Stage source = stage("src");
        Stage mid = stage("mid");
        stoppedChain(source, mid);
        // The runner removes mid (closes its queue, reports its losses) and moves on.
        mid.inbox.close();

        source.emitter().emit(TestComponents.numbered(1));

        assertThat(accepted).isEmpty();
        assertThat(source.status().failed()).as("counted on the sender, which stays in the pipeline, not queued"
                + " or counted on the removed stage, where nobody reads").isEqualTo(1);
        assertThat(mid.inbox.size()).isZero();
    }

    @Test
    void aRecordForAStageNowOnAnotherChainGoesToItsQueue() {
        Stage source = stage("src");
        Stage mid = stage("mid");
        stoppedChain(source, mid);
        // mid now heads a chain of its own (not started here, so its queue keeps what comes).
        mid.attach(new Chain("stale", List.of(mid)));

        source.emitter().emit(TestComponents.numbered(1));

        assertThat(accepted).isEmpty();
        assertThat(mid.inbox.size()).isEqualTo(1);
    }

    @Test
    void aSourcesThreadThatReadTheStoppedChainDoesNotWaitForAStageAnotherChainHolds() throws Exception {
        Stage source = stage("src");
        Stage mid = stage("mid");
        Chain old = stoppedChain(source, mid);
        // mid now heads a chain of its own that holds its lock for long (it waits for mid's factory to return).
        mid.callLock.lock();
        try {
            // A driver's thread that read the old chain before the change.
            CompletableFuture<Boolean> called = CompletableFuture.supplyAsync(
                    () -> old.call(source, mid, TestComponents.numbered(1)));

            assertThat(called.get(10, TimeUnit.SECONDS)).as("refused: the caller forwards again with the new"
                    + " wiring").isFalse();
        } finally {
            mid.callLock.unlock();
        }
        assertThat(accepted).isEmpty();
    }

    @Test
    void anInterruptedSourcesThreadStillGivesUpOnAStoppedChainAndKeepsItsInterrupt() throws Exception {
        Stage source = stage("src");
        Stage mid = stage("mid");
        Chain old = stoppedChain(source, mid);
        mid.callLock.lock(); // held for long by mid's next chain, as above
        try {
            // A driver's thread that keeps its interrupt flag (an executor shutting down) and read the old chain.
            CompletableFuture<Boolean[]> called = new CompletableFuture<>();
            Thread driver = new Thread(() -> {
                Thread.currentThread().interrupt();
                boolean result = old.call(source, mid, TestComponents.numbered(1));
                called.complete(new Boolean[] {result, Thread.currentThread().isInterrupted()});
            }, "interrupted-driver");
            driver.setDaemon(true);
            driver.start();

            Boolean[] outcome = called.get(10, TimeUnit.SECONDS); // not an unbounded wait for mid's lock
            assertThat(outcome[0]).as("refused: the caller forwards again with the new wiring").isFalse();
            assertThat(outcome[1]).as("the interrupt is kept for the driver").isTrue();
        } finally {
            mid.callLock.unlock();
        }
        assertThat(accepted).isEmpty();
    }

    @Test
    void aRecordThatAClosedSourceEmitsAfterItsChainStoppedIsQueuedAtOnce() throws Exception {
        Stage source = stage("src");
        Stage mid = stage("mid");
        stoppedChain(source, mid);
        // The pipeline closes: the source first (its drivers' threads may still deliver), then, after the drain
        // and up to 10 s of components' closes, mid's queue.
        source.close();

        CompletableFuture<Void> emitted = CompletableFuture.runAsync(
                () -> source.emitter().emit(TestComponents.numbered(1)));

        emitted.get(5, TimeUnit.SECONDS); // not parked until mid's queue closes or the 10 s of a graph change
        assertThat(mid.inbox.size()).as("queued, counted as lost when mid's queue closes").isEqualTo(1);
        assertThat(accepted).isEmpty();
    }
}
