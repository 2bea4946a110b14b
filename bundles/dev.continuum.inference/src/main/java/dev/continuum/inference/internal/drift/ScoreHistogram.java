package dev.continuum.inference.internal.drift;

import dev.continuum.api.inference.Histogram;
import dev.continuum.api.inference.ModelManifest;
import dev.continuum.api.inference.ScoreDistribution;
import dev.continuum.api.inference.ScoreSpec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Recent scores over fixed bins, counted on the scoring path without a lock or an allocation: {@link #SLOTS}
 * time slots of {@link #SLOT_NANOS} each, one counter per slot and bin. A slot is cleared by the first
 * score that falls into it in a new period (a compare-and-set on the slot's period decides which thread
 * clears it; a score counted by another thread during that clearing may be lost, which a live chart
 * tolerates). A snapshot adds the slots of the last {@link #SLOTS} periods.
 */
public final class ScoreHistogram {

    static final int SLOTS = 6;
    static final long SLOT_NANOS = 10_000_000_000L;
    private static final int THRESHOLD_BINS = 20;
    private static final int PROBABILITY_BINS = 10;

    private final String model;
    private final String version;
    private final Histogram bins;
    private final int size;
    private final AtomicLongArray counts;
    private final AtomicLongArray periods = new AtomicLongArray(SLOTS);
    private final LongSupplier nanoTime;

    public ScoreHistogram(ModelManifest manifest) {
        this(manifest, System::nanoTime);
    }

    ScoreHistogram(ModelManifest manifest, LongSupplier nanoTime) {
        this.model = manifest.name();
        this.version = manifest.version();
        double[] edges = edges(manifest);
        this.bins = new Histogram("score", edges, new double[edges.length + 1]);
        this.size = edges.length + 1;
        this.counts = new AtomicLongArray(SLOTS * size);
        this.nanoTime = nanoTime;
        for (int s = 0; s < SLOTS; s++) {
            periods.set(s, Long.MIN_VALUE);
        }
    }

    /** The manifest's reference edges for {@code score}, else bins that suit the kind of score. */
    static double[] edges(ModelManifest manifest) {
        for (Histogram reference : manifest.reference()) {
            if ("score".equals(reference.name()) && reference.bins() > 1) {
                return reference.edges();
            }
        }
        ScoreSpec score = manifest.score();
        boolean probability = score.kind() == ScoreSpec.Kind.ARGMAX;
        int n = probability ? PROBABILITY_BINS : THRESHOLD_BINS;
        double top = probability ? 1.0 : 2 * (score.threshold() > 0 ? score.threshold() : 1.0);
        double[] edges = new double[n - 1];
        for (int i = 1; i < n; i++) {
            edges[i - 1] = top * i / n;
        }
        return edges;
    }

    /** Counts the first {@code rows} scores. */
    public void add(float[] scores, int rows) {
        long period = Math.floorDiv(nanoTime.getAsLong(), SLOT_NANOS);
        int slot = (int) Math.floorMod(period, (long) SLOTS);
        long seen = periods.get(slot);
        if (seen != period && periods.compareAndSet(slot, seen, period)) {
            for (int b = 0; b < size; b++) {
                counts.set(slot * size + b, 0);
            }
        }
        int base = slot * size;
        for (int r = 0; r < rows; r++) {
            counts.incrementAndGet(base + bins.bin(scores[r]));
        }
    }

    /** The counts of the last {@link #SLOTS} periods (the current one included). */
    public ScoreDistribution snapshot() {
        long now = Math.floorDiv(nanoTime.getAsLong(), SLOT_NANOS);
        long[] total = new long[size];
        for (int s = 0; s < SLOTS; s++) {
            long period = periods.get(s);
            if (period > now - SLOTS && period <= now) {
                for (int b = 0; b < size; b++) {
                    total[b] += counts.get(s * size + b);
                }
            }
        }
        return new ScoreDistribution(model, version, bins.edges(), total, Duration.ofNanos(SLOTS * SLOT_NANOS));
    }
}
