package dev.continuum.placement.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The placement controller (configuration {@value #PID}, optional). */
@ObjectClassDefinition(id = ControllerConfig.PID, name = "Continuum placement controller",
        description = "How the controller measures and when it treats the CPU as saturated.")
public @interface ControllerConfig {

    String PID = "dev.continuum.placement";

    @AttributeDefinition(description = "How often every workload's placement is re-evaluated")
    long tickMillis() default 100;

    @AttributeDefinition(description = "How often the placements a workload is not on are probed with its latest"
            + " window (encoded as its privacy class allows)")
    long probeMillis() default 200;

    @AttributeDefinition(description = "The span the p99, error rate and CPU load are measured over")
    long measureMillis() default 1000;

    @AttributeDefinition(description = "CPU load (0..1) above which LOCAL counts as saturated")
    double cpuHigh() default 0.9;

    @AttributeDefinition(description = "Highest error rate (0..1) of an eligible placement")
    double errorMax() default 0.05;
}
