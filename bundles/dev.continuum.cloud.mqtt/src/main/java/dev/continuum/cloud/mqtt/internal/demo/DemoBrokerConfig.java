package dev.continuum.cloud.mqtt.internal.demo;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The simulator profile's zero-setup broker: a demo convenience, not for production. */
@ObjectClassDefinition(id = DemoBrokerConfig.PID, name = "Continuum demo MQTT broker",
        description = "Runs a local Mosquitto child process on loopback for the simulator profile, unless the framework"
                + " property continuum.cloud.broker (./gw run --broker URI) names an external broker.")
public @interface DemoBrokerConfig {

    String PID = "dev.continuum.cloud.mqtt.demobroker";

    /** Framework property that, when set, names the external broker and disables the demo broker. */
    String EXTERNAL_BROKER_PROPERTY = "continuum.cloud.broker";

    @AttributeDefinition(description = "Loopback port of the demo broker")
    int port() default 1883;

    @AttributeDefinition(description = "Mosquitto executable (searched on the PATH and in /usr/sbin if not absolute)")
    String executable() default "mosquitto";
}
