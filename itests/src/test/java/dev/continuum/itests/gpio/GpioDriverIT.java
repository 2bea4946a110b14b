package dev.continuum.itests.gpio;

import static dev.continuum.itests.gpio.GpioRig.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import dev.continuum.api.data.DataType;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelMode;
import dev.continuum.api.driver.ChannelReading;
import dev.continuum.api.driver.ChannelWrite;
import dev.continuum.api.driver.Driver;
import dev.continuum.api.driver.DriverSubscription;
import dev.continuum.api.driver.WriteResult;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The GPIO driver in Felix with the real bundles (features core + gpio) on the simulator's pin map and
 * the Pi4J mock provider: edges, outputs, counters, bad channels isolated.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GpioDriverIT {

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private GatewayHealth health;

    private GpioRig rig;
    private Driver driver;
    private Context pins;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        Path pinMap = Runtime.featuresDir().resolve("../../../hardware/simulator/pins.json").toAbsolutePath().normalize();
        return new Option[] {
            Runtime.features(Files.createTempDirectory("continuum-gpio-"), Ports.free(), "core", "gpio"),
            frameworkProperty(GpioRig.PIN_MAP).value(pinMap.toString())
        };
    }

    @Before
    public void driver() throws IOException {
        rig = new GpioRig(context);
        driver = rig.driver(configurationAdmin, "itest");
        pins = rig.mockContext("itest");
    }

    @Test
    public void inputEdgesArriveInOrderWithTheTimeOfTheEdge() {
        GpioRig.Recorder recorder = new GpioRig.Recorder();
        try (DriverSubscription subscription = driver.subscribe(List.of(
                channel("door", ChannelMode.READ, DataType.BOOLEAN, Map.of("pin", "11")),
                channel("part", ChannelMode.READ, DataType.BOOLEAN, Map.of("pin", "13", "edge", "rising"))), recorder)) {
            Await.until(Duration.ofSeconds(5), "initial values", () -> recorder.readings.size() == 2);
            MockDigitalInput door = pins.registry().get("pin-11", MockDigitalInput.class);
            MockDigitalInput part = pins.registry().get("pin-13", MockDigitalInput.class);
            List<Instant[]> windows = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Instant before = Instant.now();
                door.mockState(i % 2 == 0 ? DigitalState.HIGH : DigitalState.LOW);
                part.mockState(i % 2 == 0 ? DigitalState.HIGH : DigitalState.LOW);
                windows.add(new Instant[] {before, Instant.now()});
            }

            List<ChannelReading> doorEdges = recorder.of("door").subList(1, 21);
            assertThat(doorEdges).extracting(reading -> reading.value().asBoolean())
                    .containsExactly(true, false, true, false, true, false, true, false, true, false,
                            true, false, true, false, true, false, true, false, true, false);
            for (int i = 0; i < 20; i++) {
                assertThat(doorEdges.get(i).sourceTime()).isBetween(windows.get(i)[0], windows.get(i)[1]);
            }
            assertThat(recorder.of("part").subList(1, 11)).allSatisfy(reading -> assertThat(reading.value().asBoolean()).isTrue());
            assertThat(recorder.readings).extracting(ChannelReading::sourceTime).isSorted();
            assertThat(recorder.errors).isEmpty();
        }
    }

    @Test
    public void outputsFollowWritesAndPulsesEndOnTheirOwn() throws Exception {
        ChannelConfig relay = channel("relay", ChannelMode.READ_WRITE, DataType.BOOLEAN,
                Map.of("pin", "16", "function", "digital-output", "initial", "low", "shutdown", "low"));
        ChannelConfig valve = channel("valve", ChannelMode.WRITE, DataType.BOOLEAN,
                Map.of("pin", "18", "initial", "low", "shutdown", "low", "pulse.ms", "100"));
        GpioRig.Recorder recorder = new GpioRig.Recorder();
        try (DriverSubscription subscription = driver.subscribe(List.of(relay), recorder)) {
            DigitalOutput relayPin = pins.registry().get("pin-16", DigitalOutput.class);
            assertThat(relayPin.state()).isEqualTo(DigitalState.LOW);

            List<WriteResult> results = driver.write(List.of(new ChannelWrite(relay, TypedValue.ofBoolean(true)),
                    new ChannelWrite(valve, TypedValue.ofBoolean(true)))).get(5, TimeUnit.SECONDS);

            assertThat(results).allSatisfy(result -> assertThat(result.ok()).as(result.message()).isTrue());
            assertThat(relayPin.state()).isEqualTo(DigitalState.HIGH);
            assertThat(recorder.of("relay")).extracting(reading -> reading.value().asBoolean()).containsExactly(false, true);
            DigitalOutput valvePin = pins.registry().get("pin-18", DigitalOutput.class);
            Await.until(Duration.ofSeconds(5), "the valve's pulse to end", () -> valvePin.state() == DigitalState.LOW);

            driver.write(List.of(new ChannelWrite(relay, TypedValue.ofBoolean(false)))).get(5, TimeUnit.SECONDS);
            assertThat(relayPin.state()).isEqualTo(DigitalState.LOW);
        }
        assertThat(pins.registry().exists("pin-16")).as("released with the subscription").isFalse();
    }

    @Test
    public void disconnectReleasesThePinsAndConnectRestoresTheSubscription() throws Exception {
        ChannelConfig relay = channel("lamp", ChannelMode.READ_WRITE, DataType.BOOLEAN,
                Map.of("pin", "22", "initial", "low", "shutdown", "high"));
        GpioRig.Recorder recorder = new GpioRig.Recorder();
        try (DriverSubscription subscription = driver.subscribe(List.of(
                channel("door", ChannelMode.READ, DataType.BOOLEAN, Map.of("pin", "11")), relay), recorder)) {
            DigitalOutput lamp = pins.registry().get("pin-22", DigitalOutput.class);

            driver.disconnect().get(5, TimeUnit.SECONDS);

            assertThat(driver.state()).isEqualTo(dev.continuum.api.driver.DriverState.DISCONNECTED);
            assertThat(lamp.state()).as("left at its shutdown level").isEqualTo(DigitalState.HIGH);
            assertThat(pins.isShutdown()).isTrue();
            assertThat(driver.read(List.of(relay))).failsWithin(Duration.ofSeconds(5))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withMessageContaining("GPIO driver itest is DISCONNECTED");

            recorder.readings.clear();
            driver.connect().get(5, TimeUnit.SECONDS);
            pins = rig.mockContext("itest");
            assertThat(recorder.of("door")).as("subscription restored with the current level").hasSize(1);
            pins.registry().get("pin-11", MockDigitalInput.class).mockState(DigitalState.HIGH);
            assertThat(recorder.of("door")).extracting(reading -> reading.value().asBoolean()).containsExactly(false, true);
            assertThat(pins.registry().get("pin-22", DigitalOutput.class).state()).isEqualTo(DigitalState.LOW);
        }
    }

    @Test
    public void aCounterMatchesTheInjectedPulseCountExactly() throws Exception {
        ChannelConfig flow = channel("flow", ChannelMode.READ, DataType.LONG,
                Map.of("pin", "15", "function", "counter", "window.ms", "100"));
        GpioRig.Recorder recorder = new GpioRig.Recorder();
        try (DriverSubscription subscription = driver.subscribe(List.of(flow), recorder)) {
            MockDigitalInput meter = pins.registry().get("pin-15", MockDigitalInput.class);
            int pulses = 123_457;
            for (int i = 0; i < pulses; i++) {
                meter.mockState(DigitalState.HIGH);
                meter.mockState(DigitalState.LOW);
            }

            assertThat(driver.read(List.of(flow)).get(5, TimeUnit.SECONDS).get(0).value()).isEqualTo(TypedValue.ofLong(pulses));
            Await.until(Duration.ofSeconds(5), "the count delivered",
                    () -> recorder.of("flow").stream().anyMatch(reading -> reading.value().equals(TypedValue.ofLong(pulses))));
        }
    }

    @Test
    public void badChannelsAreRejectedNamingThePinAndTheBoardsPinsWhileTheOthersRun() {
        GpioRig.Recorder recorder = new GpioRig.Recorder();
        try (DriverSubscription subscription = driver.subscribe(List.of(
                channel("door", ChannelMode.READ, DataType.BOOLEAN, Map.of("pin", "11")),
                channel("window", ChannelMode.READ, DataType.BOOLEAN, Map.of("pin", "11")),
                channel("ghost", ChannelMode.READ, DataType.BOOLEAN, Map.of("pin", "41")),
                channel("relay", ChannelMode.READ_WRITE, DataType.BOOLEAN, Map.of("pin", "22", "function", "digital-input")),
                channel("dimmer", ChannelMode.WRITE, DataType.DOUBLE, Map.of("pin", "22", "function", "pwm"))), recorder)) {

            assertThat(recorder.errors.get("window")).contains("pin 11 of board simulator is already claimed by channel 'door'")
                    .contains("free pins: 3, 5, 7, 8,");
            assertThat(recorder.errors.get("ghost")).contains("pin 41 is not a pin of board simulator; valid pins: 3, 5, 7, 8,");
            assertThat(recorder.errors.get("relay")).contains("pin 22 is configured as digital-input, which is read-only")
                    .contains("accepted mode: READ");
            assertThat(recorder.errors.get("dimmer")).contains("pin 22 of board simulator has no hardware PWM; PWM pins: 12, 32, 33, 35");
            assertThat(subscription.channelErrors()).containsOnlyKeys("window", "ghost", "relay", "dimmer");

            pins.registry().get("pin-11", MockDigitalInput.class).mockState(DigitalState.HIGH);
            assertThat(recorder.of("door")).extracting(reading -> reading.value().asBoolean()).containsExactly(false, true);
            ComponentHealth gpio = health.report().components().stream()
                    .filter(component -> component.name().equals("GPIO")).findFirst().orElseThrow();
            assertThat(gpio.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(gpio.reason()).contains("pin 41 is not a pin of board simulator");
        }
    }
}
