package dev.continuum.launcher;

import dev.continuum.launcher.model.Assembly;
import dev.continuum.launcher.model.ModelException;
import dev.continuum.launcher.service.HealthProbe;
import dev.continuum.launcher.service.HealthReporter;
import dev.continuum.launcher.service.SystemdNotify;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.launch.Framework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one OSGi framework with an assembly's bundles until it stops. */
final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final long START_TIMEOUT_SECONDS = 120;
    private static final long STOP_TIMEOUT_MILLIS = 30_000;

    private final Options options;
    private final Assembly assembly;
    private final Framework framework;
    private final long startedNanos;
    private final List<String> startErrors = new ArrayList<>();
    private volatile HealthReporter healthReporter;

    Gateway(Options options, Assembly assembly, Framework framework, long startedNanos) {
        this.options = options;
        this.assembly = assembly;
        this.framework = framework;
        this.startedNanos = startedNanos;
    }

    int runUntilStopped() {
        LOG.debug("framework initialised at {} ms", elapsedMillis());
        try {
            BundleInstaller.reconcile(framework.getBundleContext(), assembly.bundles(), options.repositories());
            LOG.debug("bundles reconciled at {} ms", elapsedMillis());
        } catch (ModelException | BundleException | IOException | RuntimeException e) {
            LOG.error("cannot assemble the runtime: {}", e.getMessage(), e);
            return 2;
        }
        Thread hook = new Thread(() -> {
            if (healthReporter != null) {
                healthReporter.close();
            }
            stop(framework);
        }, "continuum-shutdown");
        java.lang.Runtime.getRuntime().addShutdownHook(hook);
        if (LOG.isDebugEnabled()) {
            // Where start-up time goes, bundle by bundle (continuum.log.level=debug).
            framework.getBundleContext().addBundleListener((SynchronousBundleListener) event -> {
                if (event.getType() == BundleEvent.STARTED) {
                    LOG.debug("{} started at {} ms", event.getBundle().getSymbolicName(), elapsedMillis());
                }
            });
        }
        CountDownLatch started = new CountDownLatch(1);
        framework.getBundleContext().addFrameworkListener(event -> {
            if (event.getType() == FrameworkEvent.STARTED || event.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
                started.countDown();
            } else if (event.getType() == FrameworkEvent.ERROR) {
                String what = event.getBundle() == null ? "framework" : event.getBundle().getSymbolicName();
                String reason = event.getThrowable() == null ? "" : event.getThrowable().getMessage();
                synchronized (startErrors) {
                    startErrors.add(what + ": " + reason);
                }
            }
        });
        try {
            framework.start();
            if (!started.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("the framework has not reached start level {} after {} s", assembly.maxStartLevel(),
                        START_TIMEOUT_SECONDS);
            }
            reportStarted(framework);
            healthReporter = HealthReporter.start(new HealthProbe(framework.getBundleContext()),
                    SystemdNotify.fromEnvironment(), options.data());
            FrameworkEvent stopped = framework.waitForStop(0);
            return stopped.getType() == FrameworkEvent.ERROR ? 1 : 0;
        } catch (BundleException e) {
            LOG.error("the framework failed to start: {}", e.getMessage(), e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private void reportStarted(Framework framework) {
        List<String> inactive = new ArrayList<>();
        int active = 0;
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (bundle.getState() == Bundle.ACTIVE) {
                active++;
            } else if (!fragment) {
                inactive.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " (" + state(bundle) + ")");
            }
        }
        synchronized (startErrors) {
            startErrors.forEach(error -> LOG.error("start failed: {}", error));
        }
        if (!inactive.isEmpty()) {
            LOG.error("{} bundles are not active: {}", inactive.size(), inactive);
        }
        long sinceJvmStart = ProcessAge.millis();
        LOG.info("Continuum started in {} ms ({} ms since the JVM started): {} bundles active, profile {}",
                elapsedMillis(), sinceJvmStart, active,
                assembly.profile() == null ? "(features " + assembly.features().size() + ")" : assembly.profile().name());
        Banner.print(framework.getBundleContext(), options.data());
    }

    private long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.INSTALLED -> "INSTALLED: not resolved";
            case Bundle.RESOLVED -> "RESOLVED: not started";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "state " + bundle.getState();
        };
    }

    private static void stop(Framework framework) {
        if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            return;
        }
        LOG.info("stopping the gateway");
        long begin = System.nanoTime();
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT_MILLIS);
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                LOG.error("the gateway did not stop within {} ms; halting", STOP_TIMEOUT_MILLIS);
                java.lang.Runtime.getRuntime().halt(1);
            }
            LOG.info("stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
            // A clean stop on SIGTERM is a success: flush the log and exit 0 rather than the JVM's 143.
            if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logging) {
                logging.stop();
            }
            java.lang.Runtime.getRuntime().halt(0);
        } catch (BundleException e) {
            LOG.error("stopping the framework failed: {}", e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
