package dev.continuum.federated.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The training thread's scheduling class, on Linux (the gateway's platform and this build's). */
class IdleSchedulingTest {

    @Test
    void aThreadMovesItselfToSchedIdleAndOnlyItself() throws Exception {
        OptionalInt before = IdleScheduling.currentPolicy();
        assertThat(before).as("scheduling policy in /proc/thread-self/stat").hasValue(0);
        AtomicReference<OptionalInt> inside = new AtomicReference<>();
        AtomicReference<Boolean> applied = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            applied.set(IdleScheduling.applyToCurrentThread());
            inside.set(IdleScheduling.currentPolicy());
        });
        thread.start();
        thread.join(10_000);

        assertThat(applied.get()).isTrue();
        assertThat(inside.get()).hasValue(IdleScheduling.SCHED_IDLE);
        assertThat(IdleScheduling.currentPolicy()).as("the caller's own thread is untouched").isEqualTo(before);
    }
}
