package dev.continuum.placement.internal.workload;

import dev.continuum.api.placement.Placement;
import dev.continuum.api.placement.WorkloadRequirements;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The choice rule: a placement is eligible when it is available, has measurements, its p99 meets the
 * latency budget, its error rate is at most {@code errorMax} and (remote) its uplink fits the bandwidth
 * budget; LOCAL is eligible only while the CPU load is at most {@code cpuHigh}. The eligible placement with
 * the lowest local cost wins (ties: the workload's order). When none is eligible, the CPU condition is
 * dropped; when still none, LOCAL: it never sends data and always answers. Stateless.
 */
final class Chooser {

    private final double cpuHigh;
    private final double errorMax;

    Chooser(double cpuHigh, double errorMax) {
        this.cpuHigh = cpuHigh;
        this.errorMax = errorMax;
    }

    /** What one placement offers now. */
    record Candidate(boolean available, Meter.Summary summary) {
    }

    record Choice(Placement placement, String reason) {
    }

    Choice choose(WorkloadRequirements requirements, List<Placement> allowed, Map<Placement, Candidate> candidates,
            double windowsPerSecond, double cpuLoad) {
        StringBuilder why = new StringBuilder();
        Placement strict = null;
        Placement soft = null;
        for (Placement placement : allowed) {
            Candidate candidate = candidates.get(placement);
            String problem = problem(requirements, placement, candidate, windowsPerSecond);
            boolean cpuBusy = placement == Placement.LOCAL && cpuLoad > cpuHigh;
            if (why.length() > 0) {
                why.append("; ");
            }
            why.append(describe(placement, candidate));
            if (problem != null) {
                why.append(": ").append(problem);
                continue;
            }
            if (cpuBusy) {
                why.append(": CPU ").append(percent(cpuLoad)).append(" > ").append(percent(cpuHigh));
            } else {
                why.append(": meets the budget");
            }
            if (!cpuBusy && cheaper(placement, strict, candidates)) {
                strict = placement;
            }
            if (cheaper(placement, soft, candidates)) {
                soft = placement;
            }
        }
        if (strict != null) {
            return new Choice(strict, strict + " is the cheapest eligible (" + why + ")");
        }
        if (soft != null) {
            return new Choice(soft, soft + " meets the budget though the CPU is saturated (" + why + ")");
        }
        return new Choice(Placement.LOCAL, "nothing meets the budget, LOCAL is the safe fallback (" + why + ")");
    }

    private String problem(WorkloadRequirements requirements, Placement placement, Candidate candidate,
            double windowsPerSecond) {
        if (candidate == null || !candidate.available()) {
            return "not available";
        }
        Meter.Summary s = candidate.summary();
        if (s.samples() == 0) {
            return "no measurements yet";
        }
        if (s.errorRate() > errorMax) {
            return "error rate " + percent(s.errorRate()) + " > " + percent(errorMax);
        }
        if (s.p99Millis() > requirements.latencyBudgetMillis()) {
            return "p99 " + format(s.p99Millis()) + " ms > budget " + format(requirements.latencyBudgetMillis()) + " ms";
        }
        double uplink = s.bytesPerWindow() * windowsPerSecond;
        if (placement.remote() && requirements.bandwidthBytesPerSecond() > 0
                && uplink > requirements.bandwidthBytesPerSecond()) {
            return "uplink " + (long) uplink + " B/s > budget " + requirements.bandwidthBytesPerSecond() + " B/s";
        }
        return null;
    }

    private static boolean cheaper(Placement placement, Placement best, Map<Placement, Candidate> candidates) {
        if (best == null) {
            return true;
        }
        return cost(candidates.get(placement)) < cost(candidates.get(best));
    }

    private static double cost(Candidate candidate) {
        double cost = candidate.summary().costMicros();
        return Double.isNaN(cost) ? Double.MAX_VALUE : cost;
    }

    private static String describe(Placement placement, Candidate candidate) {
        if (candidate == null || candidate.summary().samples() == 0) {
            return placement.name();
        }
        Meter.Summary s = candidate.summary();
        return placement + " p99 " + format(s.p99Millis()) + " ms, cost " + format(s.costMicros()) + " us/window";
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
