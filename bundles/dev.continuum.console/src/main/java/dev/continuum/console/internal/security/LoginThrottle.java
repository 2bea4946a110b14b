package dev.continuum.console.internal.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Brute-force protection: after {@code maxFailures} failed logins for one key (a client address, an
 * account), that key is refused for a lock-out period that doubles with each further failure, up to
 * {@code maxLockMillis}. A success resets the key. Thread-safe.
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
    private final int maxFailures;
    private final long firstLockMillis;
    private final long maxLockMillis;

    LoginThrottle(LongSupplier clock) {
        this(clock, MAX_FAILURES, FIRST_LOCK_MILLIS, MAX_LOCK_MILLIS);
    }

    LoginThrottle(LongSupplier clock, int maxFailures, long firstLockMillis, long maxLockMillis) {
        if (maxFailures < 1 || firstLockMillis < 0 || maxLockMillis < firstLockMillis) {
            throw new IllegalArgumentException("maxFailures must be >= 1 and 0 <= firstLock <= maxLock; got "
                    + maxFailures + ", " + firstLockMillis + ", " + maxLockMillis);
        }
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.firstLockMillis = firstLockMillis;
        this.maxLockMillis = maxLockMillis;
    }

    /** Milliseconds the address must still wait, 0 if it may try. */
    long lockedFor(String address) {
        State state = states.get(address);
        return state == null ? 0 : Math.max(0, state.lockedUntil - clock.getAsLong());
    }

    /** Records a failure; true when this failure locks the key (it reached the configured count). */
    boolean failed(String address) {
        if (states.size() > MAX_TRACKED) {
            long now = clock.getAsLong();
            states.values().removeIf(state -> state.lockedUntil < now);
        }
        State updated = states.compute(address, (key, state) -> {
            int failures = state == null ? 1 : state.failures + 1;
            long lock = 0;
            if (failures >= maxFailures) {
                int doublings = Math.min(failures - maxFailures, 10);
                lock = Math.min(maxLockMillis, firstLockMillis << doublings);
            }
            return new State(failures, clock.getAsLong() + lock);
        });
        return updated.failures >= maxFailures;
    }

    void succeeded(String address) {
        states.remove(address);
    }
}
