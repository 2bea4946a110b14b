package dev.continuum.packaging;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes. */
final class Await {

    private Await() {
    }

    static <T> T until(Duration timeout, String what, Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what + "; last: " + last);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
            last = probe.get();
        }
        return last;
    }
}
