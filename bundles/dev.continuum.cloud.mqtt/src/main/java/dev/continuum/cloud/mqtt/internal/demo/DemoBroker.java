package dev.continuum.cloud.mqtt.internal.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Mosquitto child process on {@code 127.0.0.1:port} so that the simulator profile publishes somewhere with
 * zero setup. It does nothing when {@code continuum.cloud.broker} names an external broker, when the port is
 * already taken (a broker is assumed to be there) or when Mosquitto is not installed (a warning says how to
 * install it). The process is stopped with the component.
 */
@Component(configurationPid = DemoBrokerConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = DemoBrokerConfig.class)
public final class DemoBroker {

    private static final Logger LOG = LoggerFactory.getLogger(DemoBroker.class);

    private final Process process;

    @Activate
    public DemoBroker(BundleContext context, DemoBrokerConfig config) {
        this.process = start(context, config);
    }

    private static Process start(BundleContext context, DemoBrokerConfig config) {
        String external = context.getProperty(DemoBrokerConfig.EXTERNAL_BROKER_PROPERTY);
        if (external != null && !external.isBlank()) {
            LOG.info("Demo MQTT broker not started: using the external broker {}", external);
            return null;
        }
        if (accepting(config.port())) {
            LOG.info("Demo MQTT broker not started: something already listens on 127.0.0.1:{}", config.port());
            return null;
        }
        Path executable = find(config.executable());
        if (executable == null) {
            LOG.warn("Demo MQTT broker not started: '{}' is not installed (apt-get install -y mosquitto), or run"
                    + " ./gw run --broker tcp://HOST:1883 to use your own broker", config.executable());
            return null;
        }
        try {
            Path dir = context.getProperty("continuum.data") != null
                    ? Path.of(context.getProperty("continuum.data"), "demo-broker") : context.getDataFile("demo-broker").toPath();
            Files.createDirectories(dir);
            Path conf = dir.resolve("mosquitto.conf");
            Files.write(conf, List.of("listener " + config.port() + " 127.0.0.1", "allow_anonymous true",
                    "user " + System.getProperty("user.name"), "persistence true", "persistence_location " + dir + "/",
                    "max_queued_messages 100000", "log_dest file " + dir.resolve("mosquitto.log")),
                    StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(executable.toString(), "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
            LOG.info("Demo MQTT broker (a demo convenience, not for production) started: tcp://127.0.0.1:{}, pid {}",
                    config.port(), process.pid());
            return process;
        } catch (IOException e) {
            LOG.warn("Demo MQTT broker could not be started: {}", e.toString());
            return null;
        }
    }

    @Deactivate
    void deactivate() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            LOG.debug("Demo MQTT broker stopped");
        }
    }

    private static Path find(String name) {
        Path direct = Path.of(name);
        if (direct.isAbsolute()) {
            return Files.isExecutable(direct) ? direct : null;
        }
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name);
            }
        }
        return null;
    }

    private static boolean accepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
