package dev.continuum.itests.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.Pipelines;
import dev.continuum.api.update.InstalledPackage;
import dev.continuum.api.update.UpdateAgent;
import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateException.Reason;
import dev.continuum.api.update.UpdateProgress;
import dev.continuum.api.update.UpdateRequest;
import dev.continuum.api.update.UpdateResult;
import dev.continuum.itests.pipeline.SequenceComponents;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Signed deployment packages applied by the update agent in the real runtime (features core, pipeline,
 * update), from the packages the build signed with the development key: the gateway never restarts, other
 * pipelines keep their sequence, bad packages are refused with nothing installed, a package whose bundle
 * cannot start is rolled back to the previous version, downgrades are refused, and the agent's next start
 * repairs a package that a crash left half-updated (deterministically, where {@link CrashSafetyTest} kills at
 * random moments). One runtime serves all tests; each starts with no package installed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class UpdateIT {

    private static final String STEADY = """
            {"components": [{"name": "in", "type": "seq-source", "config": {"period.ms": 1}},
              {"name": "out", "type": "seq-sink"}], "wires": [{"emitter": "in", "receiver": "out"}]}""";

    @Inject
    private BundleContext context;

    @Inject
    private UpdateAgent agent;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        Path fixtures = UpdateFixtures.build();
        return new Option[] {Runtime.features(Files.createTempDirectory("continuum-update-"), Ports.free(),
                "core", "pipeline", "update"),
            frameworkProperty("continuum.profile").value("simulator"),
            systemProperty(UpdateFixtures.DIR).value(fixtures.toString())};
    }

    /** One runtime for all tests (cheaper on a shared machine): each starts with no package installed. */
    @Before
    public void uninstallEverything() throws UpdateException {
        for (InstalledPackage installed : agent.packages()) {
            agent.uninstall(installed.name());
        }
    }

    private UpdateRequest request(String fixture) {
        Path dir = Paths.get(System.getProperty(UpdateFixtures.DIR));
        return UpdateRequest.of(UpdateFixtures.manifest(dir, fixture).toUri(), "itest");
    }

    private UpdateResult apply(String fixture, List<UpdateProgress> progress) throws Exception {
        return agent.apply(request(fixture), progress::add).get(60, TimeUnit.SECONDS);
    }

    private UpdateException refused(String fixture) throws Exception {
        try {
            UpdateResult result = agent.apply(request(fixture), p -> { }).get(60, TimeUnit.SECONDS);
            throw new AssertionError(fixture + " was installed: " + result);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(UpdateException.class);
            return (UpdateException) e.getCause();
        }
    }

    private boolean ewmaAvailable() {
        try {
            return context.getServiceReferences(ComponentFactory.class, "(" + ComponentFactory.TYPE + "=ewma)")
                    .size() > 0;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean bundleInstalled(String bsn) {
        return Arrays.stream(context.getBundles()).anyMatch(b -> bsn.equals(b.getSymbolicName()));
    }

    private Configuration pipeline(String name, String graph) throws IOException {
        Configuration configuration = configurationAdmin.getFactoryConfiguration(Pipelines.FACTORY_PID, name, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Pipelines.NAME, name);
        properties.put(Pipelines.GRAPH, graph);
        configuration.update(properties);
        return configuration;
    }

    private static Dictionary<String, Object> type(String type) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ComponentFactory.TYPE, type);
        return properties;
    }

    @Test
    public void installsTheSignedExamplePackageWithoutRestartWhileAnotherPipelineKeepsItsSequence() throws Exception {
        var source = context.registerService(ComponentFactory.class, SequenceComponents.source(), type("seq-source"));
        var sink = context.registerService(ComponentFactory.class, SequenceComponents.sink(), type("seq-sink"));
        Configuration steady = pipeline("steady", STEADY);
        Await.until(Duration.ofSeconds(20), "steady flowing",
                () -> SequenceComponents.RECEIVED.getOrDefault("steady", List.of()).size() > 100);
        List<String> stopped = new CopyOnWriteArrayList<>();
        context.addBundleListener(event -> {
            if (event.getType() == BundleEvent.STOPPED) {
                stopped.add(event.getBundle().getSymbolicName());
            }
        });
        assertThat(ewmaAvailable()).isFalse();

        List<UpdateProgress> progress = new CopyOnWriteArrayList<>();
        UpdateResult result = apply("built", progress);
        int before = SequenceComponents.RECEIVED.get("steady").size();
        Await.until(Duration.ofSeconds(10), "steady still flowing",
                () -> SequenceComponents.RECEIVED.get("steady").size() > before + 100);

        assertThat(result.name()).isEqualTo(UpdateFixtures.EXAMPLE);
        assertThat(ewmaAvailable()).isTrue();
        assertThat(agent.packages()).extracting(InstalledPackage::name).containsExactly(UpdateFixtures.EXAMPLE);
        assertThat(progress).extracting(UpdateProgress::phase).contains(UpdateProgress.Phase.DOWNLOADING,
                UpdateProgress.Phase.INSTALLING, UpdateProgress.Phase.HEALTH_CHECK, UpdateProgress.Phase.COMMITTED);
        assertThat(stopped).as("bundles stopped by the update").isEmpty();
        steady.delete();
        source.unregister();
        sink.unregister();
        List<Long> sequence = SequenceComponents.RECEIVED.get("steady");
        for (int i = 1; i < sequence.size(); i++) {
            assertThat(sequence.get(i)).as("record %d follows %d", i, i - 1).isEqualTo(sequence.get(i - 1) + 1);
        }
    }

    @Test
    public void refusesTamperedForeignAndExpiredPackagesWithTheirReasonAndInstallsNothing() throws Exception {
        assertThat(refused("tampered").reason()).isEqualTo(Reason.DIGEST_MISMATCH);
        assertThat(refused("foreign").reason()).isEqualTo(Reason.UNTRUSTED_KEY);
        assertThat(refused("expired").reason()).isEqualTo(Reason.EXPIRED);

        assertThat(agent.packages()).isEmpty();
        assertThat(bundleInstalled(UpdateFixtures.EXAMPLE)).isFalse();
        assertThat(ewmaAvailable()).isFalse();
    }

    @Test
    public void rollsBackAutomaticallyWhenABundleOfTheNewVersionCannotStart() throws Exception {
        String installed = apply("built", new CopyOnWriteArrayList<>()).version();

        UpdateException failure = refused("broken");

        assertThat(failure.reason()).isEqualTo(Reason.ROLLED_BACK);
        assertThat(failure.getMessage()).contains(UpdateFixtures.BROKEN_BSN).contains("restored version " + installed);
        assertThat(agent.packages()).singleElement().satisfies(p -> assertThat(p.version()).isEqualTo(installed));
        assertThat(bundleInstalled(UpdateFixtures.BROKEN_BSN)).isFalse();
        Await.until(Duration.ofSeconds(10), "ewma back", this::ewmaAvailable);
    }

    @Test
    public void refusesADowngradeAndKeepsTheNewerVersion() throws Exception {
        apply("v1", new CopyOnWriteArrayList<>());

        UpdateException failure = refused("older");

        assertThat(failure.reason()).isEqualTo(Reason.DOWNGRADE);
        assertThat(failure.getMessage()).contains("0.0.1").contains("1.0.0");
        assertThat(agent.packages()).singleElement().satisfies(p -> assertThat(p.version()).isEqualTo("1.0.0"));
        assertThat(ewmaAvailable()).isTrue();
    }

    /**
     * Crash recovery when the crash came after Deployment Admin had updated a bundle of the package but before it
     * changed its record: the bundle is left at the new version and stopped, while Deployment Admin and the
     * agent's journal still name the old one. The next start of the agent (as at the next boot) must bring the
     * bundle back to the recorded version and start it; Deployment Admin's own {@code getBundle} does not find
     * a bundle at another version than the recorded one, so a lookup through it skips exactly this bundle.
     */
    @Test
    public void recoveryRestoresABundleACrashLeftAtTheNewVersionWhileDeploymentAdminStillRecordsTheOld()
            throws Exception {
        Path fixtures = Paths.get(System.getProperty(UpdateFixtures.DIR));
        apply("crashset", new CopyOnWriteArrayList<>());
        Bundle a = bundle(UpdateFixtures.CRASHSET + ".a");
        Bundle b = bundle(UpdateFixtures.CRASHSET + ".b");
        // The state a kill -9 leaves: Deployment Admin stopped the package's bundles and updated a to 1.4.0, the
        // agent had journaled the update from 1.1.0 to 1.4.0, and Deployment Admin's record still says 1.1.0.
        Path store = Paths.get(context.getProperty("continuum.data")).resolve("updates");
        Files.writeString(store.resolve("pending"), UpdateFixtures.CRASHSET + "\n1.4.0\n1.1.0\n");
        b.stop();
        a.stop();
        try (InputStream in = Files.newInputStream(fixtures.resolve(UpdateFixtures.CRASHED)
                .resolve(UpdateFixtures.CRASHSET + ".a-1.4.0.jar"))) {
            a.update(in);
        }
        assertThat(a.getVersion()).isEqualTo(new Version("1.4.0"));
        assertThat(agent.packages()).filteredOn(p -> p.name().equals(UpdateFixtures.CRASHSET)).singleElement()
                .satisfies(p -> assertThat(p.version()).isEqualTo("1.1.0"));

        Bundle updateBundle = bundle("dev.continuum.update");
        updateBundle.stop();
        updateBundle.start();
        Await.until(Duration.ofSeconds(30), "the restarted update agent", () -> {
            ServiceReference<UpdateAgent> reference = context.getServiceReference(UpdateAgent.class);
            if (reference == null || context.getService(reference) == null) {
                return false;
            }
            context.ungetService(reference);
            return true;
        });

        Await.until(Duration.ofSeconds(30), "the interrupted update recovered",
                () -> !Files.exists(store.resolve("pending")));
        assertThat(a.getVersion()).as("the bundle the crash left at 1.4.0").isEqualTo(new Version("1.1.0"));
        assertThat(a.getState()).as("its state").isEqualTo(Bundle.ACTIVE);
        assertThat(b.getVersion()).isEqualTo(new Version("1.1.0"));
        assertThat(b.getState()).isEqualTo(Bundle.ACTIVE);
    }

    private Bundle bundle(String bsn) {
        return Arrays.stream(context.getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + bsn));
    }
}
