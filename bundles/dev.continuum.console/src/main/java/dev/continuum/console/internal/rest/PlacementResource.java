package dev.continuum.console.internal.rest;

import com.google.gson.JsonObject;
import dev.continuum.api.placement.Placement;
import dev.continuum.api.placement.PlacementDecision;
import dev.continuum.api.placement.PlacementException;
import dev.continuum.api.placement.PlacementService;
import dev.continuum.api.placement.PlacementStats;
import dev.continuum.api.placement.WorkloadStatus;
import dev.continuum.console.internal.http.ApiError;
import dev.continuum.console.internal.http.Call;
import dev.continuum.console.internal.http.Router;
import dev.continuum.console.internal.security.AuditLog;
import dev.continuum.console.internal.security.Role;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Workload placement ({@link PlacementService}, feature {@code placement}): {@code GET /placement} lists the
 * workloads with their requirements, current placement, pin, per-placement measurements and their recent
 * decisions; {@code GET /placement/decisions?workload=} the whole decision log; {@code POST /placement/pin}
 * ({@code {"workload", "placement"}}) and {@code POST /placement/unpin} ({@code {"workload"}}) for operators.
 * Workload names contain a slash ({@code pipeline/component}), so they travel in the query or the body.
 * Without the feature every route answers 503 naming it.
 */
final class PlacementResource {

    /** Decisions per workload in {@code GET /placement}; the full log is {@code GET /placement/decisions}. */
    static final int RECENT_DECISIONS = 20;

    private final Backends backends;
    private final AuditLog audit;

    PlacementResource(Backends backends, AuditLog audit) {
        this.backends = backends;
        this.audit = audit;
    }

    void register(Router router) {
        router.add("GET", "/placement", Role.VIEWER, call -> Map.of("workloads",
                backends.placement().workloads().stream().map(this::workload).toList()));
        router.add("GET", "/placement/decisions", Role.VIEWER, call -> {
            PlacementService placement = backends.placement();
            String name = known(placement, call.query("workload", ""));
            return Map.of("workload", name, "decisions", placement.decisions(name).stream()
                    .map(PlacementResource::decision).toList());
        });
        router.add("POST", "/placement/pin", Role.OPERATOR, this::pin);
        router.add("POST", "/placement/unpin", Role.OPERATOR, this::unpin);
    }

    private Object pin(Call call) throws IOException {
        JsonObject body = body(call);
        PlacementService placement = backends.placement();
        String name = known(placement, string(body, "workload"));
        Placement to = placement(string(body, "placement"));
        try {
            WorkloadStatus status = placement.pin(name, to);
            audit.record(call.user(), call.address(), "placement.pin", name + " -> " + to);
            return workload(status);
        } catch (PlacementException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private Object unpin(Call call) throws IOException {
        PlacementService placement = backends.placement();
        String name = known(placement, string(body(call), "workload"));
        try {
            WorkloadStatus status = placement.unpin(name);
            audit.record(call.user(), call.address(), "placement.unpin", name);
            return workload(status);
        } catch (PlacementException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private Map<String, Object> workload(WorkloadStatus w) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", w.name());
        json.put("current", w.current().name());
        json.put("pinned", w.pinned().map(Placement::name).orElse(null));
        json.put("placements", w.placements().stream().map(Placement::name).toList());
        Map<String, Object> requirements = new LinkedHashMap<>();
        requirements.put("latencyBudgetMillis", w.requirements().latencyBudgetMillis());
        requirements.put("privacy", w.requirements().privacy().name());
        requirements.put("bandwidthBytesPerSecond", w.requirements().bandwidthBytesPerSecond());
        requirements.put("breachMillis", w.requirements().breachMillis());
        json.put("requirements", requirements);
        json.put("localCpuLoad", number(w.localCpuLoad()));
        json.put("windows", w.windows());
        json.put("fallbacks", w.fallbacks());
        json.put("failed", w.failed());
        json.put("stats", w.stats().stream().map(PlacementResource::stats).toList());
        List<PlacementDecision> decisions = backends.placement().decisions(w.name());
        json.put("decisions", decisions.subList(Math.max(0, decisions.size() - RECENT_DECISIONS), decisions.size())
                .stream().map(PlacementResource::decision).toList());
        return json;
    }

    private static Map<String, Object> stats(PlacementStats s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("placement", s.placement().name());
        json.put("available", s.available());
        json.put("samples", s.samples());
        json.put("p50Millis", number(s.p50Millis()));
        json.put("p99Millis", number(s.p99Millis()));
        json.put("errorRate", number(s.errorRate()));
        json.put("bytesPerSecond", number(s.bytesPerSecond()));
        json.put("localCostMicros", number(s.localCostMicros()));
        return json;
    }

    private static Map<String, Object> decision(PlacementDecision d) {
        return Map.of("time", d.time(), "from", d.from().name(), "to", d.to().name(), "reason", d.reason());
    }

    /** Not measured yet (NaN) is null: JSON has no NaN. */
    private static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String known(PlacementService placement, String name) {
        if (name.isBlank()) {
            throw ApiError.badRequest("name the workload ('workload': pipeline/component); GET /api/v1/placement lists"
                    + " them");
        }
        if (placement.workload(name).isEmpty()) {
            throw ApiError.notFound("no workload '" + name + "'; GET /api/v1/placement lists them");
        }
        return name;
    }

    private static Placement placement(String value) {
        try {
            return Placement.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("placement '" + value + "' is not one of " + Arrays.toString(Placement.values()));
        }
    }

    private static JsonObject body(Call call) throws IOException {
        JsonObject body = call.body(JsonObject.class);
        if (body == null) {
            throw ApiError.badRequest("send a JSON object: {\"workload\": ..., \"placement\": ...}");
        }
        return body;
    }

    private static String string(JsonObject body, String key) {
        if (!body.has(key) || !body.get(key).isJsonPrimitive()) {
            throw ApiError.badRequest("the body lacks the string '" + key + "'");
        }
        return body.get(key).getAsString();
    }
}
