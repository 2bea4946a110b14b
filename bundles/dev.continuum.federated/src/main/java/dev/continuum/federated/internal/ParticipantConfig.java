package dev.continuum.federated.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Continuum federated learning participant",
        description = "Takes part in a coordinator's rounds (FED-V1 on the Kura control topics): trains the"
                + " default model family on this gateway's recent normal windows within a CPU budget and sends back"
                + " only clipped weight updates, signed with this gateway's identity.")
public @interface ParticipantConfig {

    int DEFAULT_CAPACITY = 4000;
    int DEFAULT_HOLDOUT = 800;
    int DEFAULT_HOLDOUT_EVERY = 5;
    int DEFAULT_MIN_SAMPLES = 200;
    double DEFAULT_CPU_SHARE = 0.25;
    long DEFAULT_SLICE_MILLIS = 20;
    long DEFAULT_MARGIN_MILLIS = 2000;

    @AttributeDefinition(description = "Training windows kept (the newest); they never leave the gateway")
    int capacity() default DEFAULT_CAPACITY;

    @AttributeDefinition(description = "Holdout windows kept for evaluating models")
    int holdoutCapacity() default DEFAULT_HOLDOUT;

    @AttributeDefinition(description = "Every n-th buffered window goes to the holdout instead of training")
    int holdoutEvery() default DEFAULT_HOLDOUT_EVERY;

    @AttributeDefinition(description = "Decline a round with fewer training windows than this")
    int minSamples() default DEFAULT_MIN_SAMPLES;

    @AttributeDefinition(description = "Share of one CPU core local training may use, in (0, 1]")
    double cpuShare() default DEFAULT_CPU_SHARE;

    @AttributeDefinition(description = "Training runs in slices of this many milliseconds, pausing between them")
    long sliceMillis() default DEFAULT_SLICE_MILLIS;

    @AttributeDefinition(description = "Daily local-time window in which training may run, HH:mm-HH:mm")
    String trainingWindow() default "00:00-24:00";

    @AttributeDefinition(description = "Send the update at least this long before the round's deadline")
    long marginMillis() default DEFAULT_MARGIN_MILLIS;

    @AttributeDefinition(description = "This gateway's client id as the coordinator addresses it (its Kura MQTT"
            + " endpoint's client id); named in every update")
    String clientId();

    @AttributeDefinition(description = "Where the identity key is kept; empty = <continuum.data>/federated")
    String identityDir() default "";
}
