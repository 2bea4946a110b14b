package dev.continuum.inference.internal.drift;

import dev.continuum.api.inference.DriftReport;
import dev.continuum.api.inference.Histogram;
import dev.continuum.api.inference.ModelManifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Population stability index of the last {@code window} observations of each reference feature against
 * the manifest's reference histogram: {@code PSI = sum((live - ref) * ln(live / ref))} over the bins,
 * with empty bins floored at {@link #FLOOR}. No verdict before {@code window} observations.
 *
 * <p>Thread-safe; {@link #observe} is cheap (one binary search and two counter updates per feature).
 */
public final class DriftMonitor {

    static final double FLOOR = 1e-4;

    private final String model;
    private final String version;
    private final double threshold;
    private final int window;
    private final Histogram[] histograms;
    private final int[] channelOfFeature;
    private final int[][] counts;
    private final int[][] ring;
    private long observations;

    /**
     * A reference histogram named like one of the manifest's channels observes that channel's per-window
     * mean, one named {@code score} the score; others are ignored.
     */
    public DriftMonitor(ModelManifest manifest, double threshold, int window) {
        this.model = manifest.name();
        this.version = manifest.version();
        this.threshold = threshold;
        this.window = window;
        List<Histogram> reference = manifest.reference();
        this.histograms = reference.toArray(Histogram[]::new);
        this.channelOfFeature = new int[histograms.length];
        List<String> channels = manifest.window().channels();
        for (int f = 0; f < histograms.length; f++) {
            int channel = channels.indexOf(histograms[f].name());
            // -1: the score; -2: a feature this monitor cannot observe (ignored).
            channelOfFeature[f] = "score".equals(histograms[f].name()) ? -1 : channel >= 0 ? channel : -2;
        }
        this.counts = new int[histograms.length][];
        this.ring = new int[histograms.length][window];
        for (int f = 0; f < histograms.length; f++) {
            counts[f] = new int[histograms[f].bins()];
        }
    }

    /** Observes one window: its per-channel means (raw units) and its score. */
    public synchronized void observe(double[] channelMeans, double score) {
        observeOne(channelMeans, 0, channelMeans.length, score);
    }

    /**
     * Observes {@code rows} windows under one lock: {@code channelMeans} holds each window's per-channel
     * means (raw units), window after window; {@code scores} their scores.
     */
    public synchronized void observe(double[] channelMeans, float[] scores, int rows) {
        int channels = channelMeans.length / rows;
        for (int r = 0; r < rows; r++) {
            observeOne(channelMeans, r * channels, channels, scores[r]);
        }
    }

    private void observeOne(double[] channelMeans, int offset, int channels, double score) {
        int slot = (int) (observations % window);
        boolean full = observations >= window;
        for (int f = 0; f < histograms.length; f++) {
            int channel = channelOfFeature[f];
            if (channel == -2 || channel >= channels) {
                continue;
            }
            int bin = histograms[f].bin(channel < 0 ? score : channelMeans[offset + channel]);
            if (full) {
                counts[f][ring[f][slot]]--;
            }
            ring[f][slot] = bin;
            counts[f][bin]++;
        }
        observations++;
    }

    public synchronized DriftReport report() {
        Map<String, Double> psi = new LinkedHashMap<>();
        List<String> drifting = new ArrayList<>();
        if (observations >= window) {
            for (int f = 0; f < histograms.length; f++) {
                if (channelOfFeature[f] == -2) {
                    continue;
                }
                double value = psi(histograms[f].proportions(), counts[f], window);
                psi.put(histograms[f].name(), value);
                if (value >= threshold) {
                    drifting.add(histograms[f].name());
                }
            }
        }
        return new DriftReport(model, version, (int) Math.min(observations, window), threshold, psi, drifting);
    }

    static double psi(double[] reference, int[] counts, int total) {
        double sum = 0;
        for (int b = 0; b < reference.length; b++) {
            double expected = Math.max(reference[b], FLOOR);
            double actual = Math.max((double) counts[b] / total, FLOOR);
            sum += (actual - expected) * Math.log(actual / expected);
        }
        return sum;
    }
}
