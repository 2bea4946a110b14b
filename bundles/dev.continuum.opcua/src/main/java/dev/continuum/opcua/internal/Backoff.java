package dev.continuum.opcua.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Capped exponential back-off with ±20 % jitter, so that many gateways do not retry in step. */
final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private int failures;

    Backoff(long minMillis, long maxMillis) {
        this.minMillis = Math.max(1, minMillis);
        this.maxMillis = Math.max(this.minMillis, maxMillis);
    }

    /** The delay before the next attempt; each call doubles the base up to the cap. */
    long next() {
        long base = Math.min(maxMillis, minMillis << Math.min(failures, 30));
        failures++;
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Math.min(maxMillis, Math.round(base * jitter));
    }

    void reset() {
        failures = 0;
    }
}
