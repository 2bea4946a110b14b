package dev.continuum.cloud.mqtt.internal.endpoint;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter: attempt n waits a random time between half and all of
 * {@code min(max, initial * 2^n)}, so that a fleet does not reconnect in lockstep after a broker restart.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;

    Backoff(long initialMillis, long maxMillis) {
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
    }

    /** The cap for failed attempt {@code attempt} (0-based), before jitter. */
    long ceiling(int attempt) {
        int shift = Math.min(attempt, 30);
        return Math.min(maxMillis, initialMillis << shift);
    }

    long delay(int attempt) {
        long ceiling = ceiling(attempt);
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }
}
