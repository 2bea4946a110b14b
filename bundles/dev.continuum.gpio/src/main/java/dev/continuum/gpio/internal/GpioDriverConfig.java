package dev.continuum.gpio.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One GPIO driver instance: a board's GPIO, or one bank of it. */
@ObjectClassDefinition(name = "Continuum GPIO driver",
        description = "GPIO pins of this board (Pi4J), as assets' channels address them by pin.")
public @interface GpioDriverConfig {

    /** The framework property that names the active board's pin map file (set by the profile). */
    String PIN_MAP_PROPERTY = "continuum.board.pins";

    /** The framework property with the active profile's folder; its pins.json is the default pin map. */
    String PROFILE_DIR_PROPERTY = "continuum.profile.dir";

    /** The pin map file name in a profile folder. */
    String PIN_MAP_FILE = "pins.json";

    @AttributeDefinition(name = "Instance name", description = "The name assets use in driver.instance.")
    String driver_instance();

    @AttributeDefinition(name = "Board", required = false,
            description = "If set, the pin map must be this board's: a guard against running a configuration on the wrong board.")
    String board() default "";

    @AttributeDefinition(name = "Pin map file", required = false,
            description = "Path of the pin map; empty for the active profile's (framework property continuum.board.pins, "
                    + "else PROFILE_FOLDER/pins.json).")
    String pin_map() default "";
}
