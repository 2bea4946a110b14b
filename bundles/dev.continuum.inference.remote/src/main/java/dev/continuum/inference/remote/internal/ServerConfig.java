package dev.continuum.inference.remote.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The remote inference service (configuration {@value #PID}). */
@ObjectClassDefinition(id = ServerConfig.PID, name = "Continuum remote inference service",
        description = "INFER-V1: scores windows sent by gateways over the MQTT endpoints' control topics.")
public @interface ServerConfig {

    String PID = "dev.continuum.inference.remote";
    int DEFAULT_MAX_BATCH = 256;
    long DEFAULT_MAX_WAIT_MILLIS = 1;
    int DEFAULT_QUOTA = 5000;

    @AttributeDefinition(description = "Most windows scored in one model run, across the requests of all gateways")
    int maxBatch() default DEFAULT_MAX_BATCH;

    @AttributeDefinition(description = "How long a batch may wait for more requests once one is queued (0: never)")
    long maxWaitMillis() default DEFAULT_MAX_WAIT_MILLIS;

    @AttributeDefinition(description = "Windows per second each gateway (requester client id) may send; more are"
            + " refused with code 429")
    int quotaWindowsPerSecond() default DEFAULT_QUOTA;

    @AttributeDefinition(description = "Windows a gateway may send at once above its rate (the bucket size);"
            + " 0: one second's quota")
    int quotaBurst() default 0;
}
