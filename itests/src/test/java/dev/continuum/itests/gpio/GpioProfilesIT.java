package dev.continuum.itests.gpio;

import static dev.continuum.itests.gpio.GpioRig.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import dev.continuum.api.data.DataType;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.driver.ChannelMode;
import dev.continuum.api.driver.ChannelReading;
import dev.continuum.api.driver.Driver;
import dev.continuum.api.driver.DriverState;
import dev.continuum.api.driver.DriverSubscription;
import dev.continuum.api.health.ComponentHealth;
import dev.continuum.api.health.GatewayHealth;
import dev.continuum.api.health.HealthStatus;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Every board profile's pin map as the real driver reads it, and the simulator's scenario driving the mock
 * pins. The real boards' providers (gpiod, linuxfs) are installed, but this build machine (x86_64, no GPIO
 * hardware, no GPIO sysfs interface) is none of those boards: their drivers must read and validate the map,
 * start their provider family and then stop, FAILED, saying why this machine cannot drive the pins
 * (driving them needs the boards).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GpioProfilesIT {

    private static final String HARDWARE = "continuum.itest.hardware";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private GatewayHealth health;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        Path hardware = Runtime.featuresDir().resolve("../../../hardware").toAbsolutePath().normalize();
        return new Option[] {
            Runtime.features(Files.createTempDirectory("continuum-gpio-profiles-"), Ports.free(), "core", "gpio"),
            frameworkProperty(HARDWARE).value(hardware.toString())
        };
    }

    private void configure(String factoryPid, String name, Map<String, Object> properties) throws IOException {
        Configuration configuration = factoryPid.contains("scenario")
                ? configurationAdmin.getConfiguration(factoryPid, "?")
                : configurationAdmin.getFactoryConfiguration(factoryPid, name, "?");
        configuration.update(new Hashtable<>(properties));
    }

    private Driver awaitDriver(String instance) {
        return new GpioRig(context).anyDriver(instance);
    }

    @Test
    public void everyRealBoardsPinMapIsReadAndValidatedThenItsProviderSaysWhyThisMachineCannotDriveIt() throws Exception {
        Path hardware = Path.of(context.getProperty(HARDWARE));
        List<String> boards;
        try (var folders = Files.list(hardware)) {
            boards = folders.filter(folder -> Files.isRegularFile(folder.resolve("pins.json")))
                    .map(folder -> folder.getFileName().toString()).filter(name -> !name.equals("simulator")).sorted().toList();
        }
        assertThat(boards).contains("raspberry-pi-4", "raspberry-pi-5", "jetson-orin-nano", "industrial-pc-x86_64");
        for (String board : boards) {
            configure("dev.continuum.gpio", board, Map.of("driver.instance", board, "board", board,
                    "pin.map", hardware.resolve(board).resolve("pins.json").toString()));

            Driver driver = awaitDriver(board);

            Await.until(Duration.ofSeconds(10), board + " FAILED", () -> driver.state() == DriverState.FAILED);
            if (board.startsWith("raspberry-pi")) {
                assertThat(driver.stateReason()).as(board).isEqualTo("the Pi4J provider 'gpiod' cannot run on this"
                        + " machine: Pi4J 2.8's gpiod plugin drives only a Raspberry Pi's pinctrl chip, and this is not a"
                        + " Raspberry Pi; on other boards use the 'linuxfs' provider");
            } else {
                assertThat(driver.stateReason()).as(board).startsWith("/sys/class/gpio does not exist: this kernel has"
                        + " no GPIO sysfs interface (CONFIG_GPIO_SYSFS)");
            }
        }
    }

    @Test
    public void aDriverOnTheWrongBoardsPinMapFailsNamingBoth() throws Exception {
        Path hardware = Path.of(context.getProperty(HARDWARE));
        configure("dev.continuum.gpio", "wrong", Map.of("driver.instance", "wrong", "board", "raspberry-pi-5",
                "pin.map", hardware.resolve("simulator/pins.json").toString()));

        Driver driver = awaitDriver("wrong");

        Await.until(Duration.ofSeconds(10), "FAILED", () -> driver.state() == DriverState.FAILED);
        assertThat(driver.stateReason()).isEqualTo("driver wrong is configured for board raspberry-pi-5 but the active pin map is board simulator");
        ComponentHealth gpio = health.report().components().stream()
                .filter(component -> component.name().equals("GPIO")).findFirst().orElseThrow();
        assertThat(gpio.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(gpio.reason()).contains("driver wrong is configured for board raspberry-pi-5");
    }

    @Test
    public void theSimulatorScenarioTogglesTheDoorMovesPartsAndRunsTheFlowMeterAt200Hz() throws Exception {
        Path hardware = Path.of(context.getProperty(HARDWARE));
        configure("dev.continuum.gpio", "board", Map.of("driver.instance", "board", "board", "simulator",
                "pin.map", hardware.resolve("simulator/pins.json").toString()));
        Driver driver = awaitDriver("board");
        GpioRig.Recorder recorder = new GpioRig.Recorder();
        try (DriverSubscription subscription = driver.subscribe(List.of(
                channel("door", ChannelMode.READ, DataType.BOOLEAN, Map.of("pin", "11")),
                channel("part", ChannelMode.READ, DataType.BOOLEAN, Map.of("pin", "13")),
                channel("flow", ChannelMode.READ, DataType.DOUBLE,
                        Map.of("pin", "15", "function", "counter", "counter.output", "rate", "window.ms", "500"))), recorder)) {
            configure("dev.continuum.gpio.scenario", "", Map.of("door.period.ms", 100L, "part.period.ms", 150L,
                    "part.dwell.ms", 50L, "flow.hz", 200));

            Await.until(Duration.ofSeconds(20), "door toggling", () -> recorder.of("door").size() >= 5);
            Await.until(Duration.ofSeconds(20), "parts coming and going", () -> recorder.of("part").size() >= 5);
            Await.until(Duration.ofSeconds(20), "a flow rate near 200 Hz, seen " + recorder.of("flow"),
                    () -> recorder.of("flow").stream().map(ChannelReading::value).map(TypedValue::asDouble)
                            .anyMatch(rate -> rate > 180 && rate < 220));
            assertThat(recorder.errors).isEmpty();
        } finally {
            configurationAdmin.getConfiguration("dev.continuum.gpio.scenario", "?").delete();
        }
    }
}
