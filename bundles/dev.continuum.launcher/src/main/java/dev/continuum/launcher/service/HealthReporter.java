package dev.continuum.launcher.service;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the gateway's health outside the JVM while it runs.
 *
 * <p>Every tick it writes {@code health.json} (status, components, time, pid) for {@code continuumctl}
 * into the systemd runtime directory ({@code RUNTIME_DIRECTORY}, a tmpfs, so SD cards are not worn) or
 * else {@code DATA/run/}, and, under a systemd watchdog, sends {@code WATCHDOG=1} while the framework is
 * active and this reporter's thread runs (liveness): a gateway that hangs or whose framework stopped is
 * restarted by systemd after {@code WatchdogSec}; a DOWN component is reported (status text, health.json)
 * but not restarted for, since a restart does not fix a missing device or a bad configuration.
 * Ticks come every third of the watchdog interval, or every {@value #DEFAULT_INTERVAL_SECONDS} s.
 */
public final class HealthReporter implements AutoCloseable {

    public static final String FILE_NAME = "health.json";
    static final long DEFAULT_INTERVAL_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(HealthReporter.class);

    private final HealthProbe probe;
    private final SystemdNotify systemd;
    private final Path file;
    private final ScheduledExecutorService scheduler;
    private volatile String lastStatus = "";

    private HealthReporter(HealthProbe probe, SystemdNotify systemd, Path file) {
        this.probe = probe;
        this.systemd = systemd;
        this.file = file;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "continuum-health-reporter");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Sends READY=1 and starts reporting; the probe is opened here and closed by {@link #close()}. */
    public static HealthReporter start(HealthProbe probe, SystemdNotify systemd, Path data) {
        probe.open();
        String runtime = System.getenv("RUNTIME_DIRECTORY");
        Path directory = runtime == null || runtime.isBlank()
                ? data.resolve("run") : Path.of(runtime.split(":")[0]);
        HealthReporter reporter = new HealthReporter(probe, systemd, directory.resolve(FILE_NAME));
        long intervalMillis = systemd.watchdogMicros() > 0
                ? Math.max(1000, systemd.watchdogMicros() / 3000)
                : TimeUnit.SECONDS.toMillis(DEFAULT_INTERVAL_SECONDS);
        systemd.ready("started");
        reporter.scheduler.scheduleWithFixedDelay(reporter::tick, 0, intervalMillis, TimeUnit.MILLISECONDS);
        LOG.debug("reporting health to {} every {} ms (systemd {}, watchdog {} us)", reporter.file, intervalMillis,
                systemd.enabled(), systemd.watchdogMicros());
        return reporter;
    }

    void tick() {
        try {
            HealthProbe.Snapshot health = probe.probe();
            write(health);
            // Liveness, not readiness: a DOWN component (a missing board provider, a bad configuration) is not
            // fixed by a restart, and a restart loop would take the healthy pipelines and buffers down too.
            boolean frameworkStopped = health.down() && health.source().equals("framework");
            if (!frameworkStopped && systemd.watchdogMicros() > 0) {
                systemd.watchdog();
            }
            if (!health.status().equals(lastStatus)) {
                lastStatus = health.status();
                systemd.status("health " + health.status());
            }
        } catch (RuntimeException e) {
            LOG.warn("health report failed: {}", e.getMessage(), e);
        }
    }

    private void write(HealthProbe.Snapshot health) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("status", health.status());
        document.put("source", health.source());
        document.put("time", Instant.now().toString());
        document.put("pid", ProcessHandle.current().pid());
        document.put("components", health.components());
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.writeString(temp, new GsonBuilder().setPrettyPrinting().create().toJson(document) + "\n",
                    StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", file, e.getMessage());
        }
    }

    /** Stops reporting, tells systemd the gateway is stopping and removes the health file. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        probe.close();
        systemd.stopping();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("cannot remove {}: {}", file, e.getMessage());
        }
    }
}
