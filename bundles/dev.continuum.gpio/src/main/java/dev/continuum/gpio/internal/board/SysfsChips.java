package dev.continuum.gpio.internal.board;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the number the kernel's GPIO sysfs interface gives a chip's line: sysfs numbers lines globally, from
 * each chip's {@code base}, while pin maps name the chip as its character device does ({@code gpiochip0})
 * and the line by its offset on that chip. Every {@code /sys/class/gpio/gpiochipBASE} is the chip whose
 * {@code device} link leads to the chip device {@code gpiochipN} (or, on older kernels, to the controller
 * that holds it).
 */
public final class SysfsChips {

    /** Where the kernel serves the GPIO sysfs interface, and where Pi4J's linuxfs provider looks. */
    public static final Path DEFAULT_ROOT = Path.of("/sys/class/gpio");

    private final Path root;

    public SysfsChips(Path root) {
        this.root = root;
    }

    /** @throws PinMapException when this kernel serves no GPIO sysfs interface */
    public void requireInterface() throws PinMapException {
        if (!Files.isDirectory(root)) {
            throw new PinMapException(root + " does not exist: this kernel has no GPIO sysfs interface"
                    + " (CONFIG_GPIO_SYSFS), which the 'linuxfs' provider needs; use a board profile with the 'gpiod'"
                    + " provider, or a kernel with it");
        }
    }

    /**
     * The sysfs number of {@code line} on {@code chip}.
     *
     * @throws PinMapException naming what is missing: the sysfs interface itself, or the chip
     */
    public int number(String chip, int line) throws PinMapException {
        requireInterface();
        try (DirectoryStream<Path> chips = Files.newDirectoryStream(root, "gpiochip*")) {
            for (Path candidate : chips) {
                Path device = candidate.resolve("device");
                boolean match = Files.exists(device) && (device.toRealPath().getFileName().toString().equals(chip)
                        || Files.isDirectory(device.resolve(chip)));
                if (match) {
                    int base = Integer.parseInt(Files.readString(candidate.resolve("base")).trim());
                    int lines = Integer.parseInt(Files.readString(candidate.resolve("ngpio")).trim());
                    if (line >= lines) {
                        throw new PinMapException(chip + " has " + lines + " lines (0-" + (lines - 1) + "); line "
                                + line + " does not exist");
                    }
                    return base + line;
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new PinMapException("cannot read the GPIO sysfs interface under " + root + ": " + e.getMessage());
        }
        throw new PinMapException("no GPIO chip " + chip + " under " + root + " (chips there: " + list() + ")");
    }

    private String list() {
        try (var entries = Files.list(root)) {
            return entries.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("gpiochip"))
                    .sorted().toList().toString();
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
