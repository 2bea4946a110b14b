package dev.continuum.cloud.mqtt.internal.route;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** One composite route over MQTT endpoints (factory configuration {@value #PID}). */
@ObjectClassDefinition(id = RouteConfig.PID, name = "Continuum cloud route",
        description = "A route that publishers name instead of a broker: fail over from a primary endpoint to a"
                + " secondary one, or publish to both.")
public @interface RouteConfig {

    String PID = "dev.continuum.cloud.route";

    @AttributeDefinition(description = "Route name, published as the continuum.cloud.route service property"
            + " (e.g. mec-then-cloud, both); must not be the name of an endpoint")
    String name();

    @AttributeDefinition(description = "FAILOVER: the primary while it is healthy, else the secondary; BOTH: each"
            + " message to both endpoints", options = {
        @Option(value = "FAILOVER", label = "Fail over"), @Option(value = "BOTH", label = "Both")})
    String policy() default "FAILOVER";

    @AttributeDefinition(description = "Name of the primary endpoint")
    String primary() default "mec";

    @AttributeDefinition(description = "Name of the secondary endpoint")
    String secondary() default "cloud";

    @AttributeDefinition(description = "Fail over once the primary has been unhealthy (not connected, or its"
            + " round-trip time over the budget) for this long (ms)", min = "0")
    long failoverAfterMillis() default 5_000;

    @AttributeDefinition(description = "Return once the primary has been healthy for this long (ms)", min = "0")
    long failbackAfterMillis() default 10_000;

    @AttributeDefinition(description = "Round-trip budget of the primary (ms); 0 = only its connection state counts",
            min = "0")
    long rttBudgetMillis() default 0;
}
