package dev.continuum.gpio.internal.board;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Finds the active board's pin map: the driver configuration's path, else the framework property
 * {@code continuum.board.pins}, else {@code pins.json} in the active profile's folder
 * ({@code continuum.profile.dir}, set by the launcher).
 */
public final class PinMapLocator {

    private PinMapLocator() {
    }

    /**
     * @param configured the driver configuration's path, or empty
     * @param property framework properties by name ({@code BundleContext::getProperty})
     * @throws PinMapException when none of the three is set
     */
    public static Path locate(String configured, UnaryOperator<String> property) throws PinMapException {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String pins = property.apply("continuum.board.pins");
        if (pins != null && !pins.isBlank()) {
            return Path.of(pins.trim());
        }
        String profileDir = property.apply("continuum.profile.dir");
        if (profileDir != null && !profileDir.isBlank()) {
            return Path.of(profileDir.trim(), "pins.json");
        }
        throw new PinMapException("no pin map: the driver configuration has no pin.map, the framework property "
                + "continuum.board.pins is not set and no profile is active (continuum.profile.dir); start the gateway "
                + "with a hardware profile that has a pins.json");
    }
}
