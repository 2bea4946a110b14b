package dev.continuum.wrap.pi4j.linux;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;
import dev.continuum.wrap.testkit.TestFramework;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * Boots Felix with the packaged wrapper plus pi4j-core and builds Pi4J contexts from the exported gpiod
 * and linuxfs providers, as the GPIO driver does. This build machine has no GPIO hardware (no
 * /dev/gpiochip*, no /sys/class/gpio), so opening a pin must fail with Pi4J's error rather than hang or
 * crash the framework; on a board the same calls open the line.
 */
class Pi4jLinuxBundleIT {

    @TempDir Path storage;

    @Test
    void providersResolveInsideOsgiAndOpeningAPinWithoutHardwareFailsCleanly() throws Exception {
        List<Path> bundles = TestFramework.wrapperAndRuntimeBundles();

        try (TestFramework osgi = TestFramework.start(storage)) {
            List<Bundle> installed = osgi.installAndStart(bundles);
            assertThat(installed).allSatisfy(bundle -> assertThat(bundle.getState()).isEqualTo(Bundle.ACTIVE));

            List<String> seen = TestFramework.probe(ProvidersProbe.class, installed.toArray(Bundle[]::new));
            System.out.println("[pi4j-linux] " + seen);
            // linuxfs is plain files: its providers initialise anywhere. gpiod's initialise only on a
            // Raspberry Pi (Pi4J 2.8 looks for its "pinctrl" chip), and Pi4J drops them elsewhere.
            boolean raspberryPi = Files.exists(Path.of("/proc/device-tree/model"))
                    && Files.readString(Path.of("/proc/device-tree/model")).contains("Raspberry Pi");
            assertThat(seen.get(0)).isEqualTo(raspberryPi
                    ? "providers gpiod-digital-input gpiod-digital-output linuxfs-digital-input linuxfs-digital-output linuxfs-pwm"
                    : "providers linuxfs-digital-input linuxfs-digital-output linuxfs-pwm");
            if (!Files.exists(Path.of("/sys/class/gpio"))) {
                assertThat(seen.get(1)).startsWith("linuxfs refused:").contains("/sys/class/gpio");
            }
        }
    }

    /** Runs inside the wrapper's class space (see {@link TestFramework#probe}). */
    public static final class ProvidersProbe implements Callable<List<String>> {
        @Override
        public List<String> call() {
            List<String> seen = new ArrayList<>();
            Context pi4j = Pi4J.newContextBuilder().noAutoDetect().disableShutdownHook()
                    .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance(),
                            LinuxFsDigitalInputProvider.newInstance(), LinuxFsDigitalOutputProvider.newInstance(),
                            LinuxFsPwmProvider.newInstance(0))
                    .build();
            try {
                seen.add("providers " + String.join(" ", pi4j.providers().all().keySet().stream().sorted().toList()));
                seen.add(open(pi4j, "linuxfs", LinuxFsDigitalInputProvider.ID));
                seen.add(open(pi4j, "gpiod", GpioDDigitalInputProvider.ID));
            } finally {
                pi4j.shutdown();
            }
            return seen;
        }

        private static String open(Context pi4j, String family, String provider) {
            try {
                DigitalInput input = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(family + "-in").address(17)
                        .provider(provider));
                return family + " opened, state " + input.state();
            } catch (RuntimeException | LinkageError e) {
                StringBuilder causes = new StringBuilder(family + " refused: " + e.getMessage());
                for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                    causes.append(" <- ").append(cause.getMessage());
                }
                return causes.toString();
            }
        }
    }
}
