package dev.continuum.placement.internal.targets;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** One remote inference service a workload may be placed on (factory configuration {@value #PID}). */
@ObjectClassDefinition(id = TargetConfig.PID, name = "Continuum placement target",
        description = "A remote inference service (INFER-V1) behind a MEC or cloud MQTT broker.")
public @interface TargetConfig {

    String PID = "dev.continuum.placement.target";

    @AttributeDefinition(description = "Which placement this service is", options = {
        @Option(value = "MEC", label = "MEC"), @Option(value = "CLOUD", label = "Cloud")})
    String placement() default "MEC";

    @AttributeDefinition(description = "Broker URI: tcp:// or ssl://")
    String brokerUri() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(description = "Framework property whose value, when set, replaces brokerUri", required = false)
    String brokerProperty() default "";

    @AttributeDefinition(description = "This gateway's MQTT client id (the requester id replies are routed to)")
    String clientId() default "continuum-gateway-placement";

    @AttributeDefinition(description = "The inference service's client id (its Kura client-id topic level)")
    String serverClientId() default "continuum-inference";

    @AttributeDefinition(description = "Kura/Kapua account name (first topic level)")
    String account() default "continuum";

    @AttributeDefinition(description = "Prefix of Kura control topics")
    String controlPrefix() default "$EDC";

    @AttributeDefinition(required = false)
    String username() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false)
    String password() default "";

    @AttributeDefinition(description = "ssl://: JKS or PKCS12 trust store with the broker's CA; empty = JVM default",
            required = false)
    String trustStore() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false)
    String trustStorePassword() default "";

    @AttributeDefinition(description = "First reconnect delay; doubles per failure up to 10 s")
    long reconnectMillis() default 500;
}
