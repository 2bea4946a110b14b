package dev.continuum.sim.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the simulation server inside the gateway (feature {@code sim}) while its configuration exists.
 * Its key store lives in {@code <continuum.data>/sim/pki}.
 */
@Component(service = {}, configurationPid = SimComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SimComponent.Config.class)
public final class SimComponent {

    static final String PID = "dev.continuum.sim";
    private static final Logger LOG = LoggerFactory.getLogger(SimComponent.class);

    @ObjectClassDefinition(name = "Continuum simulation OPC UA server",
            description = "A simulated production line served over OPC UA, for demos and tests. Simulation only.")
    public @interface Config {
        int DEFAULT_PORT = 4841;

        @AttributeDefinition(name = "Bind address", description = "Loopback by default; the server is not hardened.")
        String bindAddress() default "127.0.0.1";

        @AttributeDefinition(name = "Port")
        int port() default DEFAULT_PORT;

        @AttributeDefinition(name = "Security policies", description = "None, Basic256Sha256, Aes128_Sha256_RsaOaep, Aes256_Sha256_RsaPss")
        String[] policies() default {"None", "Basic256Sha256"};

        @AttributeDefinition(name = "Anonymous", description = "Whether anonymous users may connect.")
        boolean anonymous() default true;

        @AttributeDefinition(name = "User", description = "NAME:PASSWORD of one user, empty for none.")
        String user() default "";

        @AttributeDefinition(name = "Machines", min = "0", max = "1000")
        int machines() default 4;

        @AttributeDefinition(name = "Extra tags", description = "Plain Double tags for load tests.", min = "0")
        int tags() default 0;

        @AttributeDefinition(name = "Update interval (ms)", min = "1")
        int updateMillis() default 100;

        @AttributeDefinition(name = "Seed", description = "The same seed gives the same signals.")
        long seed() default 1;

        @AttributeDefinition(name = "Anomaly rate", description = "Probability per machine and update that an anomaly starts.")
        double anomalyRate() default 0.001;

        @AttributeDefinition(name = "Cycle (s)", description = "A machine runs nine cycles, then pauses one;"
                + " shorter cycles bring pauses sooner (tests, demos of the machine-state classifier).")
        double cycleSeconds() default 60;

        @AttributeDefinition(name = "Sampling", description = "scan: monitored values are sampled at the end of"
                + " each update, as a PLC's server samples at the end of its scan (a sampling interval equal to the"
                + " update interval sees every update); timer: on the OPC UA stack's own sampling timer.",
                options = {@Option(value = "scan", label = "At the end of each update"),
                        @Option(value = "timer", label = "On a sampling timer")})
        String sampling() default "scan";
    }

    private final java.util.concurrent.ExecutorService starter;
    private final java.util.concurrent.Future<SimServer> server;

    @Activate
    public SimComponent(Config config, BundleContext context) {
        Map<String, String> users = new HashMap<>();
        int colon = config.user().indexOf(':');
        if (colon > 0) {
            users.put(config.user().substring(0, colon), config.user().substring(colon + 1));
        } else if (!config.user().isBlank()) {
            throw new IllegalArgumentException("user '" + config.user() + "' must be NAME:PASSWORD");
        }
        String data = context.getProperty("continuum.data");
        Path pki = Path.of(data == null ? "data" : data, "sim", "pki");
        SimSettings settings = new SimSettings(config.bindAddress(), "localhost", config.port(),
                java.util.List.of(config.policies()), config.anonymous(), users, pki,
                new SimSettings.LineSettings(config.machines(), config.tags(), config.updateMillis(), config.seed(),
                        config.anomalyRate(), config.cycleSeconds(), SimSettings.Sampling.parse(config.sampling())));
        // Key generation and Milo's start take seconds on small boards: not on the SCR thread.
        starter = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "continuum-sim-start");
            thread.setDaemon(true);
            return thread;
        });
        server = starter.submit(() -> {
            try {
                SimServer started = SimServer.start(settings);
                LOG.info("simulation OPC UA server listening at {} ({} machines, {} ms updates)",
                        settings.endpointUrl(), config.machines(), config.updateMillis());
                return started;
            } catch (Exception e) {
                LOG.error("simulation OPC UA server did not start on {}: {}", settings.endpointUrl(), e.getMessage(), e);
                throw e;
            }
        });
    }

    @Deactivate
    void deactivate() {
        try {
            server.get(60, java.util.concurrent.TimeUnit.SECONDS).close();
        } catch (Exception e) {
            server.cancel(true);
        } finally {
            starter.shutdownNow();
        }
        LOG.debug("simulation OPC UA server stopped");
    }
}
