package dev.continuum.itests.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition with a deadline instead of sleeping. */
public final class Await {

    private Await() {
    }

    /** Sleeps between two polls of a condition; never use it as synchronisation on its own. */
    public static void pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Polls {@code condition} until it returns a non-null value; fails with {@code what} at the deadline. */
    public static <T> T until(Duration timeout, String what, Supplier<T> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = condition.get();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            pause(Duration.ofMillis(25));
        }
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what, last);
    }
}
