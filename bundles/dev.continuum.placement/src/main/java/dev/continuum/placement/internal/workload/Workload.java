package dev.continuum.placement.internal.workload;

import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.InferenceResult;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.Window;
import dev.continuum.api.inference.WindowScorer;
import dev.continuum.api.placement.Placement;
import dev.continuum.api.placement.PlacementDecision;
import dev.continuum.api.placement.PlacementException;
import dev.continuum.api.placement.PlacementStats;
import dev.continuum.api.placement.PrivacyClass;
import dev.continuum.api.placement.RemoteInference;
import dev.continuum.api.placement.WorkloadStatus;
import dev.continuum.placement.internal.targets.Reply;
import dev.continuum.placement.internal.targets.RemoteTarget;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One placed workload: scores each batch of its stage where it is placed now, re-scoring locally with the
 * fallback model any window whose remote request fails or times out (no window is lost by a move or a
 * failure); measures every placement (the current one by its traffic, the others by probes of the latest
 * window, encoded as the privacy class allows); and on each controller tick applies the {@link Chooser}
 * with hysteresis.
 *
 * <p><b>Threading.</b> {@link #score} runs on the stage thread; {@link #tick} on the controller's thread;
 * the rest anywhere.
 */
public final class Workload implements WindowScorer {

    private static final Logger LOG = LoggerFactory.getLogger(Workload.class);
    private static final int DECISIONS_KEPT = 200;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final WorkloadSpec spec;
    private final InferenceService inference;
    private final Function<Placement, RemoteTarget> targets;
    private final Chooser chooser;
    private final Map<Placement, Meter> meters = new EnumMap<>(Placement.class);
    private final Deque<PlacementDecision> decisions = new ArrayDeque<>();
    private final AtomicLong windows = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Placement current;
    private volatile Placement pinned;
    private volatile Window latest;
    /** Where the batch being delivered was scored; written and read on the stage thread. */
    private Placement scoredAt;
    private Placement candidate;
    private long candidateSince;
    private long lastProbe;
    private long lastRateNanos;
    private long lastRateWindows;
    private volatile double windowsPerSecond;

    public Workload(WorkloadSpec spec, InferenceService inference, Function<Placement, RemoteTarget> targets,
            double cpuHigh, double errorMax) {
        this.spec = spec;
        this.inference = inference;
        this.targets = targets;
        this.chooser = new Chooser(cpuHigh, errorMax);
        spec.placements().forEach(p -> meters.put(p, new Meter()));
        this.pinned = spec.pin().orElse(null);
        this.current = spec.pin().orElse(spec.start());
        log(current, current, "starts " + (pinned != null ? "pinned to " + current : "on " + current));
    }

    public String name() {
        return spec.name();
    }

    /** Where the batch whose results are being delivered was scored (call from the result consumer). */
    public Placement scoredAt() {
        return scoredAt;
    }

    @Override
    public List<InferenceResult> score(List<Window> batch) throws InferenceException {
        windows.addAndGet(batch.size());
        latest = batch.get(batch.size() - 1);
        Placement at = current;
        if (!at.remote()) {
            scoredAt = Placement.LOCAL;
            return local(spec.model(), batch, 0, true);
        }
        long start = System.nanoTime();
        try {
            List<InferenceResult> results = remote(at, batch, start);
            scoredAt = at;
            return results;
        } catch (InferenceException e) {
            LOG.debug("workload {}: {} failed, {} windows scored locally: {}", spec.name(), at, batch.size(),
                    e.getMessage());
            fallbacks.addAndGet(batch.size());
            scoredAt = Placement.LOCAL;
            try {
                return local(spec.fallbackModel(), batch, System.nanoTime() - start, false);
            } catch (InferenceException | RuntimeException local) {
                failed.addAndGet(batch.size());
                throw local;
            }
        }
    }

    private List<InferenceResult> remote(Placement at, List<Window> batch, long start) throws InferenceException {
        Meter meter = meters.get(at);
        RemoteTarget target = targets.apply(at);
        if (target == null || !target.connected()) {
            meter.record(start, 0, true);
            throw new InferenceException(at + " is not connected");
        }
        long cpu = THREADS.getCurrentThreadCpuTime();
        long[] bytes = new long[1];
        var reply = target.infer(spec.remoteModel().orElseThrow(), encoding(), batch.size(), body(batch),
                spec.timeoutMillis(), bytes);
        meter.cost((THREADS.getCurrentThreadCpuTime() - cpu) / 1000.0 / batch.size());
        meter.bytesPerWindow((double) bytes[0] / batch.size());
        try {
            Reply r = reply.get();
            long elapsed = System.nanoTime() - start;
            meter.record(System.nanoTime(), elapsed / 1e6, false);
            if (r.scores().length != batch.size() || r.labels().size() != batch.size()) {
                throw new InferenceException(at + " answered " + r.scores().length + " scores for " + batch.size()
                        + " windows");
            }
            List<InferenceResult> results = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Window w = batch.get(i);
                results.add(new InferenceResult(spec.remoteModel().orElseThrow(), r.version(), r.scores()[i],
                        r.labels().get(i), elapsed, w.start(), w.end(), w.imputed()));
            }
            return results;
        } catch (ExecutionException e) {
            meter.record(System.nanoTime(), (System.nanoTime() - start) / 1e6, true);
            throw new InferenceException(e.getCause() == null ? e.toString() : e.getCause().toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceException("interrupted while waiting for " + at);
        }
    }

    private List<InferenceResult> local(String model, List<Window> batch, long alreadyNanos, boolean measure)
            throws InferenceException {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        List<InferenceResult> results = inference.inferBatch(model, batch);
        long elapsed = System.nanoTime() - start;
        Meter meter = meters.get(Placement.LOCAL);
        if (measure && meter != null) {
            meter.record(System.nanoTime(), elapsed / 1e6, false);
            meter.cost((THREADS.getCurrentThreadCpuTime() - cpu) / 1000.0 / batch.size());
        }
        if (alreadyNanos == 0) {
            return results;
        }
        List<InferenceResult> total = new ArrayList<>(results.size());
        for (InferenceResult r : results) {
            total.add(new InferenceResult(r.model(), r.version(), r.score(), r.label(), alreadyNanos + elapsed,
                    r.windowStart(), r.windowEnd(), r.imputed()));
        }
        return total;
    }

    private String encoding() {
        return spec.requirements().privacy() == PrivacyClass.RAW_STAYS_ON_SITE ? RemoteInference.FEATURES
                : RemoteInference.RAW;
    }

    /** What leaves the site: features only when raw data stays on site. */
    private byte[] body(List<Window> batch) {
        if (spec.requirements().privacy() == PrivacyClass.RAW_STAYS_ON_SITE) {
            float[] features = Features.of(batch, spec.channels());
            return RemoteInference.floats(features, 0, features.length);
        }
        int size = batch.get(0).values().length;
        float[] all = new float[size * batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(batch.get(i).values(), 0, all, i * size, size);
        }
        return RemoteInference.floats(all, 0, all.length);
    }

    /** One controller step: window rate, probes, then the choice with hysteresis. */
    public void tick(long now, double cpuLoad, long spanNanos, long probeNanos) {
        long count = windows.get();
        if (lastRateNanos != 0 && now > lastRateNanos) {
            double rate = (count - lastRateWindows) * 1e9 / (now - lastRateNanos);
            windowsPerSecond = windowsPerSecond == 0 ? rate : 0.7 * windowsPerSecond + 0.3 * rate;
        }
        lastRateNanos = now;
        lastRateWindows = count;
        if (now - lastProbe >= probeNanos) {
            lastProbe = now;
            probe();
        }
        if (pinned != null) {
            return;
        }
        Chooser.Choice choice = chooser.choose(spec.requirements(), spec.placements(), candidates(now, spanNanos),
                windowsPerSecond, cpuLoad);
        Placement from = current;
        if (choice.placement() == from) {
            candidate = null;
        } else if (choice.placement() != candidate) {
            candidate = choice.placement();
            candidateSince = now;
        } else if (now - candidateSince >= TimeUnit.MILLISECONDS.toNanos(spec.requirements().breachMillis())) {
            current = choice.placement();
            candidate = null;
            log(from, current, choice.reason() + "; held for " + spec.requirements().breachMillis() + " ms");
        }
    }

    /** Measures the placements the workload is not on, with its latest window. */
    private void probe() {
        Window window = latest;
        if (window == null) {
            return;
        }
        for (Placement placement : spec.placements()) {
            if (placement == current) {
                continue;
            }
            Meter meter = meters.get(placement);
            if (!placement.remote()) {
                try {
                    local(spec.model(), List.of(window), 0, true);
                } catch (InferenceException | RuntimeException e) {
                    meter.record(System.nanoTime(), 0, true);
                }
                continue;
            }
            RemoteTarget target = targets.apply(placement);
            if (target == null || !target.connected()) {
                continue;
            }
            long start = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            long[] bytes = new long[1];
            target.infer(spec.remoteModel().orElseThrow(), encoding(), 1, body(List.of(window)), spec.timeoutMillis(),
                    bytes).whenComplete((reply, error) -> meter.record(System.nanoTime(),
                            (System.nanoTime() - start) / 1e6, error != null));
            meter.cost((THREADS.getCurrentThreadCpuTime() - cpu) / 1000.0);
            meter.bytesPerWindow(bytes[0]);
        }
    }

    private Map<Placement, Chooser.Candidate> candidates(long now, long spanNanos) {
        Map<Placement, Chooser.Candidate> candidates = new EnumMap<>(Placement.class);
        for (Placement placement : spec.placements()) {
            RemoteTarget target = placement.remote() ? targets.apply(placement) : null;
            boolean available = !placement.remote() || (target != null && target.connected());
            candidates.put(placement, new Chooser.Candidate(available, meters.get(placement).summary(now, spanNanos)));
        }
        return candidates;
    }

    public WorkloadStatus status(double cpuLoad, long spanNanos) {
        long now = System.nanoTime();
        List<PlacementStats> stats = new ArrayList<>();
        candidates(now, spanNanos).forEach((placement, c) -> {
            Meter.Summary s = c.summary();
            stats.add(new PlacementStats(placement, c.available(), s.samples(), s.p50Millis(), s.p99Millis(),
                    s.errorRate(), s.bytesPerWindow() * windowsPerSecond, s.costMicros()));
        });
        return new WorkloadStatus(spec.name(), spec.requirements(), spec.placements(), current,
                Optional.ofNullable(pinned), stats, cpuLoad, windows.get(), fallbacks.get(), failed.get());
    }

    public synchronized List<PlacementDecision> decisions() {
        return List.copyOf(decisions);
    }

    public void pin(Placement placement) throws PlacementException {
        if (!spec.placements().contains(placement)) {
            throw new PlacementException("workload " + spec.name() + " may not use " + placement + "; it may use "
                    + spec.placements());
        }
        Placement from = current;
        pinned = placement;
        current = placement;
        log(from, placement, "pinned to " + placement + " by the operator");
    }

    public void unpin() {
        pinned = null;
        log(current, current, "unpinned: the controller chooses again");
    }

    private synchronized void log(Placement from, Placement to, String reason) {
        PlacementDecision decision = new PlacementDecision(Instant.now(), spec.name(), from, to, reason);
        if (decisions.size() == DECISIONS_KEPT) {
            decisions.removeFirst();
        }
        decisions.addLast(decision);
        if (from != to) {
            LOG.info("workload {} moves {} -> {}: {}", spec.name(), from, to, reason);
        } else {
            LOG.info("workload {}: {}", spec.name(), reason);
        }
    }
}
