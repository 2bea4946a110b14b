package dev.continuum.pipeline.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.pipeline.internal.graph.ComponentSpec;
import dev.continuum.pipeline.internal.graph.Overflow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The locks a chain with a thread of its own takes on its stages (one thread inside a component at a time):
 * a thread interrupted while it takes them (a stop that gave up waiting) leaves none of them held (the
 * review's L3), or a later chain of those stages would wait for them forever.
 */
class ChainLocksTest {

    private static Stage stage(String name) {
        return new Stage("locks", new ComponentSpec(name, "t", Map.of(), 8, Overflow.BLOCK, true),
                new Inbox(8, Overflow.BLOCK));
    }

    @Test
    void aThreadInterruptedWhileItLocksItsStagesLeavesNoneOfThemHeld() throws Exception {
        Stage head = stage("head");
        Stage next = stage("next");
        Chain chain = new Chain("locks", List.of(head, next));
        // Another thread is inside next (a source's thread of the chain next was on before): the chain's thread
        // holds head's lock and waits for next's.
        next.callLock.lock();
        try {
            chain.start();
            TestComponents.await("the chain's thread holding head and waiting for next",
                    () -> head.callLock.isLocked() && next.callLock.hasQueuedThread(chain.thread()));

            chain.thread().interrupt();
            chain.thread().join(10_000);

            assertThat(chain.thread().isAlive()).as("the interrupted thread ended").isFalse();
            assertThat(head.callLock.isLocked()).as("head's lock, left by the ended thread").isFalse();
        } finally {
            next.callLock.unlock();
        }
    }
}
