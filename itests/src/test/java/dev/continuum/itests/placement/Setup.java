package dev.continuum.itests.placement;

import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.Pipelines;
import dev.continuum.api.placement.Placement;
import dev.continuum.api.placement.PlacementDecision;
import dev.continuum.api.placement.PlacementService;
import dev.continuum.api.placement.WorkloadStatus;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** What the placement ITs (and the console's placement IT) share: the rig's component types, the pipeline and target configurations, reading a workload. */
public final class Setup {

    public static final String WORKLOAD = "placed/score";

    private Setup() {
    }

    /** Stops the rig's source (results already scored stay). */
    public static void stopRig() {
        Rig.stop();
    }

    /** Registers the {@code rig-source} and {@code rig-sink} component types. */
    public static void rig(BundleContext context) {
        context.registerService(ComponentFactory.class, Rig.source(), type("rig-source"));
        context.registerService(ComponentFactory.class, Rig.sink(), type("rig-sink"));
    }

    /** A remote inference service of the gateway: factory configuration {@code dev.continuum.placement.target~name}. */
    static void target(ConfigurationAdmin configurationAdmin, String name, Placement placement, String brokerUri,
            String clientId) throws Exception {
        Configuration configuration = configurationAdmin.getFactoryConfiguration(
                "dev.continuum.placement.target", name, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("placement", placement.name());
        properties.put("brokerUri", brokerUri);
        properties.put("clientId", clientId);
        properties.put("serverClientId", "continuum-inference");
        properties.put("reconnectMillis", 200L);
        configuration.update(properties);
    }

    /** The pipeline {@code placed} with {@code graph}. */
    public static void pipeline(ConfigurationAdmin configurationAdmin, String graph) throws Exception {
        Configuration configuration = configurationAdmin.getFactoryConfiguration(Pipelines.FACTORY_PID, "placed", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Pipelines.NAME, "placed");
        properties.put(Pipelines.GRAPH, graph);
        configuration.update(properties);
    }

    static Dictionary<String, Object> type(String type) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ComponentFactory.TYPE, type);
        return properties;
    }

    /** Whether the workload's measurements of {@code where} meet {@code budgetMillis} with at most 5 % errors. */
    static boolean healthy(PlacementService placement, Placement where, double budgetMillis) {
        return placement.workload(WORKLOAD).flatMap(w -> w.stats().stream().filter(s -> s.placement() == where)
                .findFirst()).map(s -> s.available() && s.samples() >= 3 && s.errorRate() <= 0.05
                        && s.p99Millis() < budgetMillis).orElse(false);
    }

    static Placement current(PlacementService placement) {
        return placement.workload(WORKLOAD).map(WorkloadStatus::current).orElse(null);
    }

    /** The first decision after the first {@code skip} that moves the workload to {@code to}, or null. */
    static PlacementDecision moveAfter(PlacementService placement, int skip, Placement to) {
        return placement.decisions(WORKLOAD).stream().skip(skip).filter(d -> d.to() == to && d.from() != to)
                .findFirst().orElse(null);
    }

    static double p99(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(0.99 * sorted.size()) - 1));
    }

    /**
     * Another workload saturating every core: one spinning shell per processor at nice 19, so that it takes
     * every idle cycle (the gateway's CPU meter counts nice time as busy) without delaying the gateway's
     * threads more than the scheduler's fairness says.
     */
    static final class Busy implements AutoCloseable {
        private final List<Process> spinners = new ArrayList<>();

        Busy() throws java.io.IOException {
            for (int i = 0; i < java.lang.Runtime.getRuntime().availableProcessors(); i++) {
                spinners.add(new ProcessBuilder("nice", "-n", "19", "sh", "-c", "while :; do :; done").start());
            }
        }

        @Override
        public void close() {
            spinners.forEach(Process::destroy);
        }
    }
}
