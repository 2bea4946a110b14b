package dev.continuum.placement.internal.remote;

import dev.continuum.api.placement.Placement;
import dev.continuum.api.placement.PlacementDecision;
import dev.continuum.api.placement.PlacementException;
import dev.continuum.api.placement.PlacementService;
import dev.continuum.api.placement.PlacementStats;
import dev.continuum.api.placement.WorkloadStatus;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraRequest;
import dev.continuum.cloud.mqtt.kura.KuraRequestHandler;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PLACEMENT-V1}, our own app with Kura's request/response conventions, present where workload placement
 * runs: {@code GET/workloads} (per workload {@code <name>.current}, {@code .pinned}, {@code .windows},
 * {@code .fallbacks}, {@code .p99.<PLACEMENT>}), {@code GET/decisions} (metric {@code workload}; replies
 * {@code decision.<n>} = {@code time from -> to: reason}, oldest first), {@code EXEC/pin} (metrics
 * {@code workload}, {@code placement}) and {@code EXEC/unpin} ({@code workload}). Pins are logged with their
 * requester. Registered with the placement controller, so that Kura's MQTT endpoints route it wherever
 * placement runs (and nowhere else).
 */
@Component(service = KuraRequestHandler.class, property = KuraRequestHandler.APP_ID + "=" + PlacementApp.APP_ID)
public final class PlacementApp implements KuraRequestHandler {

    static final String APP_ID = "PLACEMENT-V1";
    private static final Logger LOG = LoggerFactory.getLogger(PlacementApp.class);

    private final PlacementService placement;

    @Activate
    public PlacementApp(@Reference PlacementService placement) {
        this.placement = placement;
    }

    @Override
    public void handle(KuraRequest request, KuraResponder responder) {
        String resource = request.resources().isEmpty() ? "" : request.resources().get(0);
        try {
            switch (request.method() + " " + resource) {
                case "GET workloads" -> responder.reply(200, workloads());
                case "GET decisions" -> responder.reply(200, decisions(placement.decisions(required(request,
                        "workload"))));
                case "EXEC pin" -> {
                    Placement to = parse(required(request, "placement"));
                    WorkloadStatus status = placement.pin(required(request, "workload"), to);
                    LOG.info("PLACEMENT-V1: workload {} pinned to {} by {}", status.name(), to,
                            request.requesterClientId());
                    responder.reply(200, workload(status));
                }
                case "EXEC unpin" -> {
                    WorkloadStatus status = placement.unpin(required(request, "workload"));
                    LOG.info("PLACEMENT-V1: workload {} unpinned by {}", status.name(), request.requesterClientId());
                    responder.reply(200, workload(status));
                }
                default -> responder.reply(404, error("PLACEMENT-V1 has no " + request.path() + "; accepted:"
                        + " GET/workloads, GET/decisions, EXEC/pin, EXEC/unpin"));
            }
        } catch (PlacementException e) {
            responder.reply(400, error(e.getMessage()));
        }
    }

    private KuraPayload workloads() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        placement.workloads().forEach(w -> metrics.putAll(workload(w).metrics()));
        return new KuraPayload(System.currentTimeMillis(), metrics, null);
    }

    private static KuraPayload workload(WorkloadStatus w) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put(w.name() + ".current", w.current().name());
        metrics.put(w.name() + ".pinned", w.pinned().map(Placement::name).orElse(""));
        metrics.put(w.name() + ".windows", w.windows());
        metrics.put(w.name() + ".fallbacks", w.fallbacks());
        for (PlacementStats s : w.stats()) {
            if (s.samples() > 0) {
                metrics.put(w.name() + ".p99." + s.placement().name(), s.p99Millis());
            }
        }
        return new KuraPayload(System.currentTimeMillis(), metrics, null);
    }

    private static KuraPayload decisions(List<PlacementDecision> decisions) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (int i = 0; i < decisions.size(); i++) {
            PlacementDecision d = decisions.get(i);
            metrics.put("decision." + i, d.time() + " " + d.from() + " -> " + d.to() + ": " + d.reason());
        }
        return new KuraPayload(System.currentTimeMillis(), metrics, null);
    }

    private static KuraPayload error(String message) {
        return new KuraPayload(System.currentTimeMillis(), Map.of(KuraResponder.EXCEPTION_MESSAGE, message), null);
    }

    private static String required(KuraRequest request, String metric) throws PlacementException {
        String value = request.text(metric);
        if (value == null || value.isBlank()) {
            throw new PlacementException("the metric '" + metric + "' is missing");
        }
        return value;
    }

    private static Placement parse(String value) throws PlacementException {
        try {
            return Placement.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PlacementException("placement '" + value + "' is not one of " + List.of(Placement.values()));
        }
    }
}
