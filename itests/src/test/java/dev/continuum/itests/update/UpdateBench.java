package dev.continuum.itests.update;

import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.Pipelines;
import dev.continuum.api.update.UpdateAgent;
import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateRequest;
import dev.continuum.itests.pipeline.SequenceComponents;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Update benchmark (issue 8) in the real runtime (features core, pipeline, update; Felix, Deployment Admin):
 * N cycles of install (fresh) / update (to the next version) / failed update rolled back / uninstall of the
 * signed example-pipeline package, with a 1 ms pipeline flowing beside them. Reports, per step, the median
 * and maximum of: install-to-healthy (Deployment Admin call until every bundle ACTIVE, from the agent's
 * result), the whole apply call (manifest fetch, verification, hash, install, health window), the rollback
 * (from the agent's message), the uninstall; then the gap count of the other pipeline, and live threads,
 * loaded classes and bundles pending removal before and after the cycles. The health window is set to
 * {@value #WINDOW_MILLIS} ms for the run. Not an itest (no assertions beyond "it worked"): run it with
 * {@code itests/benchmarks/update.sh [CYCLES]}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class UpdateBench {

    private static final long WINDOW_MILLIS = 200;
    private static final Pattern ROLLBACK = Pattern.compile("in (\\d+) ms");

    @Inject
    private BundleContext context;

    @Inject
    private UpdateAgent agent;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws Exception {
        int cycles = Integer.getInteger("continuum.bench.cycles", 20);
        Path fixtures = UpdateFixtures.build();
        UpdateFixtures.buildCycles(fixtures, cycles + 1);
        return new Option[] {Runtime.features(Files.createTempDirectory("continuum-update-bench-"), Ports.free(),
                "core", "pipeline", "update"),
            frameworkProperty("continuum.profile").value("simulator"),
            systemProperty(UpdateFixtures.DIR).value(fixtures.toString()),
            systemProperty("continuum.bench.cycles").value(Integer.toString(cycles))};
    }

    @Test
    public void measure() throws Exception {
        int cycles = Integer.getInteger("continuum.bench.cycles", 20);
        Configuration agentConfig = configurationAdmin.getConfiguration("dev.continuum.update.agent", "?");
        Dictionary<String, Object> properties = agentConfig.getProperties();
        properties.put("healthWindowMillis", WINDOW_MILLIS);
        agentConfig.update(properties);
        Await.until(Duration.ofSeconds(10), "agent reconfigured", () -> context.getServiceReference(UpdateAgent.class)
                != null && Long.valueOf(WINDOW_MILLIS).equals(context.getServiceReference(UpdateAgent.class)
                        .getProperty("healthWindowMillis")));
        agent = context.getService(context.getServiceReference(UpdateAgent.class));
        context.registerService(ComponentFactory.class, SequenceComponents.source(), type("seq-source"));
        context.registerService(ComponentFactory.class, SequenceComponents.sink(), type("seq-sink"));
        Configuration pipeline = configurationAdmin.getFactoryConfiguration(Pipelines.FACTORY_PID, "bench", "?");
        Dictionary<String, Object> graph = new Hashtable<>();
        graph.put(Pipelines.NAME, "bench");
        graph.put(Pipelines.GRAPH, """
                {"components": [{"name": "in", "type": "seq-source", "config": {"period.ms": 1}},
                  {"name": "out", "type": "seq-sink"}], "wires": [{"emitter": "in", "receiver": "out"}]}""");
        pipeline.update(graph);
        Await.until(Duration.ofSeconds(20), "pipeline flowing",
                () -> SequenceComponents.RECEIVED.getOrDefault("bench", List.of()).size() > 100);

        // one warm-up cycle, then the measured ones
        cycle(1, new Samples());
        System.gc();
        long threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long classesBefore = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        Samples samples = new Samples();
        for (int i = 1; i <= cycles; i++) {
            cycle(i, samples);
        }
        System.gc();
        long threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        long classesAfter = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        int pending = context.getBundle(0).adapt(FrameworkWiring.class).getRemovalPendingBundles().size();
        List<Long> sequence = SequenceComponents.RECEIVED.get("bench");
        long gaps = 0;
        for (int i = 1; i < sequence.size(); i++) {
            gaps += sequence.get(i) - sequence.get(i - 1) - 1;
        }
        System.out.printf("%nUpdates benchmark: %d cycles, health window %d ms, %d cores, Java %s%n", cycles,
                WINDOW_MILLIS, java.lang.Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        samples.print();
        System.out.printf("other pipeline: %d records, %d missing sequence numbers%n", sequence.size(), gaps);
        System.out.printf("live threads %d -> %d, loaded classes %d -> %d, bundles pending removal %d%n",
                threadsBefore, threadsAfter, classesBefore, classesAfter, pending);
    }

    private void cycle(int i, Samples samples) throws Exception {
        Path dir = Paths.get(System.getProperty(UpdateFixtures.DIR));
        long start = System.nanoTime();
        samples.installHealthy.add(apply(UpdateFixtures.manifest(dir, "cycle-" + i)).installMillis());
        samples.installApply.add(since(start));
        start = System.nanoTime();
        samples.updateHealthy.add(apply(UpdateFixtures.manifest(dir, "cycle-" + (i + 1))).installMillis());
        samples.updateApply.add(since(start));
        try {
            apply(UpdateFixtures.manifest(dir, "broken"));
            throw new IllegalStateException("the broken package was committed");
        } catch (ExecutionException e) {
            Matcher matcher = ROLLBACK.matcher(e.getCause().getMessage());
            if (!(e.getCause() instanceof UpdateException) || !matcher.find()) {
                throw e;
            }
            samples.rollback.add(Long.parseLong(matcher.group(1)));
        }
        start = System.nanoTime();
        agent.uninstall(UpdateFixtures.EXAMPLE);
        samples.uninstall.add(since(start));
    }

    private dev.continuum.api.update.UpdateResult apply(Path manifest) throws Exception {
        return agent.apply(UpdateRequest.of(manifest.toUri(), "bench"), p -> { }).get(60, TimeUnit.SECONDS);
    }

    private static long since(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static Dictionary<String, Object> type(String type) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ComponentFactory.TYPE, type);
        return properties;
    }

    /** Milliseconds per step. */
    private static final class Samples {
        final List<Long> installHealthy = new ArrayList<>();
        final List<Long> installApply = new ArrayList<>();
        final List<Long> updateHealthy = new ArrayList<>();
        final List<Long> updateApply = new ArrayList<>();
        final List<Long> rollback = new ArrayList<>();
        final List<Long> uninstall = new ArrayList<>();

        void print() {
            line("install, DA call to all ACTIVE", installHealthy);
            line("install, whole apply", installApply);
            line("update, DA call to all ACTIVE", updateHealthy);
            line("update, whole apply", updateApply);
            line("rollback of a failed update", rollback);
            line("uninstall", uninstall);
        }

        private static void line(String what, List<Long> values) {
            List<Long> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            System.out.printf("%-34s median %5d ms, max %5d ms (n=%d)%n", what, sorted.get(sorted.size() / 2),
                    sorted.get(sorted.size() - 1), sorted.size());
        }
    }
}
