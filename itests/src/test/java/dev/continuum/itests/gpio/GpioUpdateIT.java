package dev.continuum.itests.gpio;

import static dev.continuum.itests.gpio.GpioRig.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import dev.continuum.api.data.DataType;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelMode;
import dev.continuum.api.driver.Driver;
import dev.continuum.api.driver.DriverSubscription;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Updating the GPIO driver's bundle while pins are claimed: each update releases every pin (the relay to
 * its configured shutdown level, the old Pi4J context shut down and empty) and the new driver claims them
 * again; after 50 updates no thread and no pin is left over.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GpioUpdateIT {

    private static final int UPDATES = 50;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private final List<ChannelConfig> channels = List.of(
            channel("door", ChannelMode.READ, DataType.BOOLEAN, Map.of("pin", "11")),
            channel("flow", ChannelMode.READ, DataType.LONG, Map.of("pin", "15", "function", "counter", "window.ms", "50")),
            channel("relay", ChannelMode.READ_WRITE, DataType.BOOLEAN,
                    Map.of("pin", "16", "initial", "low", "shutdown", "high")));

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        Path pinMap = Runtime.featuresDir().resolve("../../../hardware/simulator/pins.json").toAbsolutePath().normalize();
        return new Option[] {
            Runtime.features(Files.createTempDirectory("continuum-gpio-update-"), Ports.free(), "core", "gpio"),
            frameworkProperty(GpioRig.PIN_MAP).value(pinMap.toString())
        };
    }

    @Test
    public void updatingTheDriverBundleFiftyTimesReleasesAndReclaimsEveryPinWithoutLeaks() throws Exception {
        GpioRig rig = new GpioRig(context);
        Driver driver = rig.driver(configurationAdmin, "update");
        Bundle bundle = Arrays.stream(context.getBundles())
                .filter(candidate -> candidate.getSymbolicName().equals("dev.continuum.gpio")).findFirst().orElseThrow();
        driver = cycle(rig, driver, bundle, new ArrayList<>());
        int threadsBefore = GpioRig.threadCount();
        long gpioThreadsBefore = GpioRig.gpioThreads();

        List<Context> released = new ArrayList<>();
        for (int i = 0; i < UPDATES; i++) {
            driver = cycle(rig, driver, bundle, released);
        }

        assertThat(released).hasSize(UPDATES).allSatisfy(old -> {
            assertThat(old.isShutdown()).isTrue();
            assertThat(old.registry().all()).isEmpty();
        });
        // An old driver's thread is interrupted on deactivation and may take a moment to exit (in either count).
        Await.until(Duration.ofSeconds(10), "driver threads back to " + gpioThreadsBefore + ", now "
                + GpioRig.gpioThreads(), () -> GpioRig.gpioThreads() <= gpioThreadsBefore);
        Await.until(Duration.ofSeconds(10), "thread count back to " + threadsBefore + " (+2), now " + GpioRig.threadCount(),
                () -> GpioRig.threadCount() <= threadsBefore + 2);
        assertThat(rig.mockContext("update").registry().all()).as("pins held by nobody").isEmpty();
    }

    /** Claims the pins, proves them live, updates the bundle and checks the release; returns the new driver. */
    private Driver cycle(GpioRig rig, Driver driver, Bundle bundle, List<Context> released) throws Exception {
        Context pins = rig.mockContext("update");
        GpioRig.Recorder recorder = new GpioRig.Recorder();
        DriverSubscription subscription = driver.subscribe(channels, recorder);
        assertThat(pins.registry().all().keySet()).containsExactlyInAnyOrder("pin-11", "pin-15", "pin-16");
        MockDigitalInput door = pins.registry().get("pin-11", MockDigitalInput.class);
        door.mockState(door.state().isHigh() ? DigitalState.LOW : DigitalState.HIGH);
        assertThat(recorder.of("door")).hasSize(2);
        DigitalOutput relay = pins.registry().get("pin-16", DigitalOutput.class);
        assertThat(relay.state()).isEqualTo(DigitalState.LOW);
        long serviceId = rig.serviceId("update");

        bundle.update();

        Driver next = rig.awaitDriver("update", serviceId);
        assertThat(relay.state()).as("relay left at its shutdown level").isEqualTo(DigitalState.HIGH);
        assertThat(pins.isShutdown()).isTrue();
        subscription.close();
        released.add(pins);
        return next;
    }
}
