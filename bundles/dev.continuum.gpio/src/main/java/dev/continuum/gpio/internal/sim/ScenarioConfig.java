package dev.continuum.gpio.internal.sim;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The simulator's GPIO scenario: what the simulated machine does to the mock pins. */
@ObjectClassDefinition(name = "Continuum GPIO simulator scenario",
        description = "Drives the Pi4J mock pins of a GPIO driver on the mock provider: a door switch, a part-present sensor, a flow meter.")
public @interface ScenarioConfig {

    @AttributeDefinition(name = "Driver", description = "Filter selecting the mock Pi4J context to drive (the GPIO driver instance).")
    String context_target() default "(&(gpio.mock=true)(driver.instance=board))";

    @AttributeDefinition(name = "Door switch pin")
    String door_pin() default "11";

    @AttributeDefinition(name = "Door toggles every (ms)")
    long door_period_ms() default 7000;

    @AttributeDefinition(name = "Part-present sensor pin")
    String part_pin() default "13";

    @AttributeDefinition(name = "A part arrives every (ms)")
    long part_period_ms() default 2000;

    @AttributeDefinition(name = "A part stays (ms)")
    long part_dwell_ms() default 800;

    @AttributeDefinition(name = "Flow meter pin")
    String flow_pin() default "15";

    @AttributeDefinition(name = "Flow meter pulse rate (Hz)", description = "1 to 1000")
    int flow_hz() default 200;
}
