package dev.continuum.cloud.mqtt.internal.endpoint;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The in-flight window of one session: {@code size} permits, one per unacknowledged publish. The sender
 * takes permits in bulk; an acknowledgement returns one. Unlike a {@link java.util.concurrent.Semaphore},
 * whose every release wakes a waiting acquirer, the sender waiting on a full window is woken only when
 * {@code wakeAt} permits are free again (an eighth of the window, at most 64; 1 for windows under 16), so
 * under a saturated window it switches threads once per batch of acknowledgements, not once per message.
 * One taker thread; any number of releasing threads.
 */
final class InflightWindow {

    private static final int MAX_WAKE_AT = 64;

    private final AtomicInteger free;
    private final int wakeAt;
    private volatile Thread waiter;

    InflightWindow(int size) {
        this.free = new AtomicInteger(size);
        this.wakeAt = Math.max(1, Math.min(MAX_WAKE_AT, size / 8));
    }

    /**
     * Takes up to {@code max} permits: at once if {@code wakeAt} are free, else after waiting until they are
     * or until the timeout, when it takes whatever is free (maybe none).
     *
     * @return the permits taken, 0 if none was free within the timeout
     */
    int acquire(int max, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (free.get() < wakeAt) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            waiter = Thread.currentThread();
            if (free.get() < wakeAt) {
                LockSupport.parkNanos(this, remaining);
            }
            waiter = null;
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        while (true) {
            int available = free.get();
            int take = Math.min(available, max);
            if (take <= 0 || free.compareAndSet(available, available - take)) {
                return Math.max(take, 0);
            }
        }
    }

    /** Returns {@code permits}; wakes the waiting sender when that makes {@code wakeAt} free. */
    void release(int permits) {
        int now = free.addAndGet(permits);
        if (now >= wakeAt && now - permits < wakeAt) {
            Thread sender = waiter;
            if (sender != null) {
                LockSupport.unpark(sender);
            }
        }
    }

    /** Permits free now. */
    int available() {
        return free.get();
    }
}
