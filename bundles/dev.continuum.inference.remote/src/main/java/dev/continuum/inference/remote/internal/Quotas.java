package dev.continuum.inference.remote.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-gateway token buckets of windows: {@code rate} windows per second, up to {@code burst} at once.
 * Thread-safe.
 */
final class Quotas {

    private final double rate;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    Quotas(int windowsPerSecond, int burst) {
        if (windowsPerSecond < 1) {
            throw new IllegalArgumentException("quotaWindowsPerSecond must be >= 1, got " + windowsPerSecond);
        }
        this.rate = windowsPerSecond;
        this.burst = burst > 0 ? burst : windowsPerSecond;
    }

    /** Takes {@code windows} from the gateway's bucket; false (taking nothing) when it holds fewer. */
    boolean take(String gateway, int windows, long nowNanos) {
        Bucket bucket = buckets.computeIfAbsent(gateway, g -> new Bucket(burst, nowNanos));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (nowNanos - bucket.refilled) / 1e9 * rate);
            bucket.refilled = nowNanos;
            if (bucket.tokens < windows) {
                return false;
            }
            bucket.tokens -= windows;
            return true;
        }
    }

    String describe() {
        return (long) rate + " windows per second (burst " + (long) burst + ")";
    }

    private static final class Bucket {
        double tokens;
        long refilled;

        Bucket(double tokens, long refilled) {
            this.tokens = tokens;
            this.refilled = refilled;
        }
    }
}
