package dev.continuum.update.internal.manifest;

import dev.continuum.api.update.UpdateManifest;
import dev.continuum.api.update.UpdateManifest.Artifact;
import dev.continuum.api.update.UpdateManifest.Kind;
import dev.continuum.api.update.UpdateManifest.PinnedBundle;
import dev.continuum.api.update.UpdateManifest.Target;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;

/** Keys and manifests for the tests. */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private Fixtures() {
    }

    public static KeyPair newKey() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static UpdateManifest manifest(String version) {
        return new UpdateManifest("dev.continuum.example", version, Kind.PACKAGE,
                List.of(new Artifact("example-" + version + ".dp", "ab".repeat(32), 1234)),
                List.of(new PinnedBundle("dev.continuum.example.pipeline", "0.1.0")),
                new Target(List.of("simulator"), "[0.1,1)"), NOW.plusSeconds(3600), false, null);
    }

    public static byte[] signed(UpdateManifest manifest, KeyPair key) {
        return Envelope.sign(ManifestJson.write(manifest), key.getPrivate(), key.getPublic()).toJson();
    }
}
