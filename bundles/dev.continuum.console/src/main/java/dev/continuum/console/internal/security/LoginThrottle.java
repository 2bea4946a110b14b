package dev.continuum.console.internal.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Brute-force protection: after {@link #MAX_FAILURES} failed logins from one address, that address is
 * refused for a lock-out period that doubles with each further failure, up to {@link #MAX_LOCK_MILLIS}.
 * A success resets the address. Thread-safe.
 */
final class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final long FIRST_LOCK_MILLIS = 30_000;
    static final long MAX_LOCK_MILLIS = 15 * 60_000;
    private static final int MAX_TRACKED = 10_000;

    private record State(int failures, long lockedUntil) {
    }

    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    LoginThrottle(LongSupplier clock) {
        this.clock = clock;
    }

    /** Milliseconds the address must still wait, 0 if it may try. */
    long lockedFor(String address) {
        State state = states.get(address);
        return state == null ? 0 : Math.max(0, state.lockedUntil - clock.getAsLong());
    }

    void failed(String address) {
        if (states.size() > MAX_TRACKED) {
            long now = clock.getAsLong();
            states.values().removeIf(state -> state.lockedUntil < now);
        }
        states.compute(address, (key, state) -> {
            int failures = state == null ? 1 : state.failures + 1;
            long lock = 0;
            if (failures >= MAX_FAILURES) {
                int doublings = Math.min(failures - MAX_FAILURES, 10);
                lock = Math.min(MAX_LOCK_MILLIS, FIRST_LOCK_MILLIS << doublings);
            }
            return new State(failures, clock.getAsLong() + lock);
        });
    }

    void succeeded(String address) {
        states.remove(address);
    }
}
