package dev.continuum.inference.internal.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The delivery threads: a fixed few under a steady load, one more for each task that holds a thread. */
class DeliveryPoolTest {

    private final ScheduledThreadPoolExecutor watch = new ScheduledThreadPoolExecutor(1);
    private final DeliveryPool pool = new DeliveryPool(2, watch);

    @AfterEach
    void close() {
        pool.close();
        watch.shutdownNow();
    }

    @Test
    void aSteadyStreamOfShortTasksRunsOnTheBaseThreadsOnly() throws Exception {
        AtomicInteger done = new AtomicInteger();
        int tasks = 20_000;
        for (int i = 0; i < tasks; i++) {
            pool.execute(done::incrementAndGet);
        }
        awaitCount(done, tasks);

        assertThat(pool.threads()).isEqualTo(2);
    }

    @Test
    void tasksQueuedBehindBlockedThreadsGetAThreadOfTheirOwn() throws Exception {
        CountDownLatch unblock = new CountDownLatch(1);
        AtomicInteger blocked = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            pool.execute(() -> {
                blocked.incrementAndGet();
                try {
                    unblock.await(30, TimeUnit.SECONDS); // a consumer whose downstream queue is full
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        awaitCount(blocked, 2);
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            pool.execute(done::incrementAndGet);
        }

        // Both base threads are held; the queued tasks still run, on a thread started for them.
        awaitCount(done, 100);
        assertThat(pool.threads()).isEqualTo(3);
        unblock.countDown();
    }

    private static void awaitCount(AtomicInteger count, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(count.get()).isEqualTo(expected);
    }
}
