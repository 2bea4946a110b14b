package dev.continuum.itests.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import dev.continuum.api.asset.Asset;
import dev.continuum.api.asset.SampleListener;
import dev.continuum.api.data.Sample;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.driver.WriteResult;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * GPIO through an asset configuration, as a profile configures it: the asset runtime binds the asset to the
 * GPIO driver, edges become samples, asset writes drive the relay, a bad channel is isolated, and after
 * the GPIO bundle is updated the asset claims its pins again on its own.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GpioAssetIT {

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        Path pinMap = Runtime.featuresDir().resolve("../../../hardware/simulator/pins.json").toAbsolutePath().normalize();
        return new Option[] {
            Runtime.features(Files.createTempDirectory("continuum-gpio-asset-"), Ports.free(), "core", "gpio"),
            frameworkProperty(GpioRig.PIN_MAP).value(pinMap.toString())
        };
    }

    @Test
    public void anAssetOnTheGpioDriverDeliversEdgesDrivesItsRelayAndSurvivesABundleUpdate() throws Exception {
        GpioRig rig = new GpioRig(context);
        rig.driver(configurationAdmin, "board");
        List<Sample> samples = new CopyOnWriteArrayList<>();
        Hashtable<String, Object> filter = new Hashtable<>();
        filter.put(SampleListener.CHANNELS, "line-io/*");
        ServiceRegistration<SampleListener> listener = context.registerService(SampleListener.class, samples::add, filter);
        Hashtable<String, Object> asset = new Hashtable<>();
        String[] keys = {
            "name", "line-io", "driver.instance", "board",
            "door#+type", "READ", "door#+value.type", "BOOLEAN", "door#pin", "11", "door#pull", "up",
            "relay#+type", "READ_WRITE", "relay#+value.type", "BOOLEAN", "relay#pin", "16",
            "relay#initial", "low", "relay#shutdown", "high",
            "twin#+type", "READ", "twin#+value.type", "BOOLEAN", "twin#pin", "11"};
        for (int i = 0; i < keys.length; i += 2) {
            asset.put(keys[i], keys[i + 1]);
        }
        configurationAdmin.getFactoryConfiguration("dev.continuum.asset", "line-io", "?").update(asset);
        try {
            Asset lineIo = rig.awaitService(Asset.class, "(asset.name=line-io)");
            for (int round = 0; round < 3; round++) {
                Context pins = rig.mockContext("board");
                Await.until(Duration.ofSeconds(20), "door and relay claimed",
                        () -> pins.registry().exists("pin-11") && pins.registry().exists("pin-16"));
                MockDigitalInput door = pins.registry().get("pin-11", MockDigitalInput.class);
                samples.clear();
                door.mockState(door.state().isHigh() ? DigitalState.LOW : DigitalState.HIGH);
                boolean level = door.state().isHigh();
                Await.until(Duration.ofSeconds(5), "the door's edge as a sample", () -> samples.stream()
                        .anyMatch(s -> s.channelId().equals("line-io/door") && s.value().equals(TypedValue.ofBoolean(level))));

                List<WriteResult> results = lineIo.write(Map.of("relay", TypedValue.ofBoolean(true))).get(5, TimeUnit.SECONDS);
                assertThat(results).allSatisfy(result -> assertThat(result.ok()).as(result.message()).isTrue());
                DigitalOutput relay = pins.registry().get("pin-16", DigitalOutput.class);
                assertThat(relay.state()).isEqualTo(DigitalState.HIGH);
                lineIo.write(Map.of("relay", TypedValue.ofBoolean(false))).get(5, TimeUnit.SECONDS);
                assertThat(relay.state()).isEqualTo(DigitalState.LOW);
                Await.until(Duration.ofSeconds(5), "the twin channel's rejection",
                        () -> lineIo.channelErrors().getOrDefault("twin", "").contains("already claimed by channel 'door'"));

                long serviceId = rig.serviceId("board");
                gpioBundle().update();
                rig.awaitDriver("board", serviceId);
                assertThat(relay.state()).as("relay at its shutdown level after the update").isEqualTo(DigitalState.HIGH);
            }
        } finally {
            configurationAdmin.getFactoryConfiguration("dev.continuum.asset", "line-io", "?").delete();
            listener.unregister();
        }
    }

    private Bundle gpioBundle() {
        return Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getSymbolicName().equals("dev.continuum.gpio")).findFirst().orElseThrow();
    }
}
