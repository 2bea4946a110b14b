package dev.continuum.federated.coordinator.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Continuum federated learning coordinator",
        description = "Runs federated rounds over MQTT (FED-V1) with the enrolled gateways and rolls the aggregated"
                + " model out through the signed model-update path.")
public @interface CoordinatorConfig {

    @AttributeDefinition(description = "Broker URI (tcp:// or ssl://, ssl uses the JVM trust store)")
    String brokerUri();

    String account() default "continuum";

    @AttributeDefinition(description = "The coordinator's MQTT client id (the requester id of its requests)")
    String clientId() default "fed-coordinator";

    String username() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(description = "Enrolled gateways: clientId=base64 X.509 Ed25519 public key (its"
            + " GET/status fed.public.key); updates signed by any other key are refused")
    String[] participants();

    int minParticipants() default 3;

    @AttributeDefinition(description = "Rounds to run; 0 = until stopped")
    int rounds() default 10;

    @AttributeDefinition(description = "From invitation to deadline; later updates are refused, silent gateways are stragglers")
    long roundSeconds() default 120;

    long pauseSeconds() default 0;

    int epochs() default 2;

    double learningRate() default 0.01;

    int batchSize() default 32;

    @AttributeDefinition(description = "L2 clipping bound of an update")
    double clip() default 10;

    @AttributeDefinition(description = "Gaussian noise deviation per value, as a multiple of the clip (0 = none)")
    double noiseMultiplier() default 0;

    @AttributeDefinition(description = "FedProx proximal coefficient (0 = FedAvg)")
    double proximalMu() default 0;

    long minSamples() default 100;

    @AttributeDefinition(description = "A gateway's aggregation weight is its sample count capped here")
    long maxWeight() default 5000;

    String modelName() default "federated-anomaly";

    int windowLength() default 16;

    int components() default 12;

    @AttributeDefinition(description = "Start normalisation per channel (vibration, temperature)")
    double[] initialMean() default {0, 40};

    double[] initialStd() default {0.71, 0.71};

    long seed() default 1;

    @AttributeDefinition(description = "Update signing key (base64 PKCS#8 Ed25519); empty = no rollout")
    String signingKey() default "";

    @AttributeDefinition(description = "Where signed model updates are written (served to gateways at publishBaseUri)")
    String publishDir() default "";

    String publishBaseUri() default "";

    @AttributeDefinition(description = "Roll out every n-th round's model; 0 = after the last round only")
    int rolloutEvery() default 0;

    @AttributeDefinition(description = "How long a rollout waits for the gateways' install results")
    long installTimeoutSeconds() default 300;

    @AttributeDefinition(description = "After the rollout as shadow, promote after this many seconds where the agreement is met")
    long promoteAfterSeconds() default 600;

    double minAgreement() default 0.99;
}
