package dev.continuum.gpio.internal.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sysfs numbering of chip lines, on a tree laid out as the kernel lays out /sys (symbolic links included). */
class SysfsChipsTest {

    @TempDir Path sys;

    /** {@code /sys/class/gpio/gpiochipBASE/device -> /sys/devices/.../gpiochipN}, as kernels since 4.x link it. */
    private Path chip(String name, int base, int lines, Path controller) throws IOException {
        Path device = Files.createDirectories(controller.resolve(name));
        Path entry = Files.createDirectories(sys.resolve("class/gpio/gpiochip" + base));
        Files.createSymbolicLink(entry.resolve("device"), device);
        Files.writeString(entry.resolve("base"), base + "\n");
        Files.writeString(entry.resolve("ngpio"), lines + "\n");
        return entry;
    }

    @Test
    void numbersALineFromTheBaseOfTheChipItsCharacterDeviceNames() throws Exception {
        chip("gpiochip0", 348, 164, sys.resolve("devices/platform/2200000.gpio"));
        chip("gpiochip1", 316, 32, sys.resolve("devices/platform/c2f0000.gpio"));
        SysfsChips chips = new SysfsChips(sys.resolve("class/gpio"));

        assertThat(chips.number("gpiochip0", 144)).isEqualTo(348 + 144);
        assertThat(chips.number("gpiochip1", 0)).isEqualTo(316);
    }

    @Test
    void olderKernelsLinkTheControllerThatHoldsTheChip() throws Exception {
        Path controller = Files.createDirectories(sys.resolve("devices/platform/f7188x"));
        Files.createDirectories(controller.resolve("gpiochip2"));
        Path entry = Files.createDirectories(sys.resolve("class/gpio/gpiochip512"));
        Files.createSymbolicLink(entry.resolve("device"), controller);
        Files.writeString(entry.resolve("base"), "512\n");
        Files.writeString(entry.resolve("ngpio"), "16\n");

        assertThat(new SysfsChips(sys.resolve("class/gpio")).number("gpiochip2", 8)).isEqualTo(520);
    }

    @Test
    void refusalsNameWhatIsMissing() throws Exception {
        assertThatThrownBy(() -> new SysfsChips(sys.resolve("class/gpio")).number("gpiochip0", 1))
                .isInstanceOf(PinMapException.class).hasMessageContaining("no GPIO sysfs interface")
                .hasMessageContaining("CONFIG_GPIO_SYSFS");

        chip("gpiochip0", 0, 58, sys.resolve("devices/platform/soc"));
        SysfsChips chips = new SysfsChips(sys.resolve("class/gpio"));
        assertThatThrownBy(() -> chips.number("gpiochip4", 1)).isInstanceOf(PinMapException.class)
                .hasMessage("no GPIO chip gpiochip4 under " + sys.resolve("class/gpio") + " (chips there: [gpiochip0])");
        assertThatThrownBy(() -> chips.number("gpiochip0", 58)).isInstanceOf(PinMapException.class)
                .hasMessage("gpiochip0 has 58 lines (0-57); line 58 does not exist");
    }
}
