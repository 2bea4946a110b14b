package dev.continuum.federated.internal;

import dev.continuum.inference.modelgen.GradientTrainer;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Keeps local training within its CPU budget: it works in slices of about {@code sliceMillis} and after
 * each one sleeps long enough that training uses at most {@code cpuShare} of one core; it stops the run
 * when the round's deadline is near or the daily training window closes. Training runs on one thread, so
 * the share is of one core.
 */
final class BudgetPacer implements GradientTrainer.Pacer {

    private final double cpuShare;
    private final long sliceNanos;
    private final long stopAtMillis;
    private final TrainingWindow window;
    private final Clock clock;
    private long sliceStart = System.nanoTime();
    private boolean inWindow;
    private long busyNanos;
    private long sleptNanos;

    BudgetPacer(double cpuShare, long sliceMillis, long stopAtMillis, TrainingWindow window, Clock clock) {
        if (!(cpuShare > 0 && cpuShare <= 1)) {
            throw new IllegalArgumentException("cpuShare must be in (0, 1], got " + cpuShare);
        }
        this.cpuShare = cpuShare;
        this.sliceNanos = sliceMillis * 1_000_000;
        this.stopAtMillis = stopAtMillis;
        this.window = window;
        this.clock = clock;
        this.inWindow = window.contains(LocalTime.ofInstant(clock.instant(), ZoneId.systemDefault()));
    }

    @Override
    public boolean afterStep() throws InterruptedException {
        long now = System.nanoTime();
        long busy = now - sliceStart;
        if (busy >= sliceNanos) {
            busyNanos += busy;
            long pause = (long) (busy * (1 / cpuShare - 1));
            if (pause > 0) {
                Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
            }
            sleptNanos += System.nanoTime() - now;
            sliceStart = System.nanoTime();
            // The daily window is checked at the start and once a slice, not at every step: steps make no garbage.
            inWindow = window.always() || window.contains(LocalTime.ofInstant(clock.instant(), ZoneId.systemDefault()));
        }
        return clock.millis() < stopAtMillis && inWindow;
    }

    /** Time spent training so far (excluding the pauses). */
    long busyMillis() {
        return (busyNanos + System.nanoTime() - sliceStart) / 1_000_000;
    }

    long sleptMillis() {
        return sleptNanos / 1_000_000;
    }

    /** A daily window {@code HH:mm-HH:mm} of local time (may wrap over midnight); {@code 00:00-24:00} is always. */
    record TrainingWindow(LocalTime from, LocalTime to, boolean always) {

        static TrainingWindow parse(String text) {
            String[] parts = text.trim().split("-");
            if (parts.length != 2) {
                throw new IllegalArgumentException("a training window is HH:mm-HH:mm, got '" + text + "'");
            }
            try {
                boolean always = parts[0].trim().equals("00:00") && parts[1].trim().equals("24:00");
                LocalTime to = parts[1].trim().equals("24:00") ? LocalTime.MAX : LocalTime.parse(parts[1].trim());
                return new TrainingWindow(LocalTime.parse(parts[0].trim()), to, always);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("a training window is HH:mm-HH:mm, got '" + text + "'", e);
            }
        }

        boolean contains(LocalTime time) {
            if (always) {
                return true;
            }
            return from.isBefore(to) ? !time.isBefore(from) && time.isBefore(to) : !time.isBefore(from) || time.isBefore(to);
        }
    }
}
