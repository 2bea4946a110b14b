package dev.continuum.update.internal.agent;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The update agent ({@value #PID}). */
@ObjectClassDefinition(id = AgentConfig.PID, name = "Continuum update agent",
        description = "Verifies signed updates against trust anchors, installs them without restart and rolls back"
                + " automatically when the health gate fails.")
public @interface AgentConfig {

    String PID = "dev.continuum.update.agent";
    long DEFAULT_MAX_ARTIFACT_BYTES = 256L * 1024 * 1024;

    @AttributeDefinition(description = "Trusted Ed25519 public keys (base64 X.509). During a key rotation list the"
            + " old and the new key; remove the old one once every update is signed with the new one.")
    String[] trustAnchors();

    @AttributeDefinition(description = "Largest signed manifest accepted, in bytes")
    int maxManifestBytes() default 64 * 1024;

    @AttributeDefinition(description = "Largest artifact accepted, in bytes, whatever its manifest declares")
    long maxArtifactBytes() default DEFAULT_MAX_ARTIFACT_BYTES;

    @AttributeDefinition(description = "How long the bundles of a package may take to become ACTIVE")
    long activationTimeoutMillis() default 10_000;

    @AttributeDefinition(description = "How long the gateway must stay healthy after an install before it commits")
    long healthWindowMillis() default 2_000;

    int connectTimeoutMillis() default 10_000;

    int readTimeoutMillis() default 30_000;

    @AttributeDefinition(description = "Where verified packages are kept for rollback; empty = <continuum.data>/updates",
            required = false)
    String storeDirectory() default "";
}
