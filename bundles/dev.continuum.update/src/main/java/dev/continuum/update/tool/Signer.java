package dev.continuum.update.tool;

import dev.continuum.api.update.UpdateManifest;
import dev.continuum.api.update.UpdateManifest.Artifact;
import dev.continuum.api.update.UpdateManifest.Kind;
import dev.continuum.api.update.UpdateManifest.PinnedBundle;
import dev.continuum.api.update.UpdateManifest.Target;
import dev.continuum.update.internal.fetch.Fetcher;
import dev.continuum.update.internal.manifest.Envelope;
import dev.continuum.update.internal.manifest.Keys;
import dev.continuum.update.internal.manifest.ManifestJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Builds and signs update manifests for files on disk: the library behind {@link UpdateTool}. */
public final class Signer {

    /** What the manifest says besides its artifacts. */
    public record Spec(String name, String version, Kind kind, List<PinnedBundle> bundles, List<String> profiles,
            String gatewayVersions, Instant expires, boolean allowDowngrade) {
    }

    private final KeyPair key;

    public Signer(KeyPair key) {
        this.key = key;
    }

    /** Reads a key pair from a base64 PKCS#8 private key file (the public key is derived). */
    public static Signer fromKeyFile(Path privateKeyFile) throws IOException {
        return new Signer(pair(Keys.keyText(Files.readAllBytes(privateKeyFile))));
    }

    static KeyPair pair(String privateKeyBase64) {
        java.security.PrivateKey privateKey = Keys.privateKey(privateKeyBase64);
        // The last 32 bytes of an Ed25519 PKCS#8 key are the seed; the JDK derives the public key from it.
        try {
            var edKey = (java.security.interfaces.EdECPrivateKey) privateKey;
            byte[] seed = edKey.getBytes().orElseThrow();
            var generator = java.security.KeyPairGenerator.getInstance(Keys.ALGORITHM);
            generator.initialize(java.security.spec.NamedParameterSpec.ED25519, new FixedRandom(seed));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is missing from this JVM", e);
        }
    }

    public KeyPair keyPair() {
        return key;
    }

    /** The signed manifest (envelope JSON) for {@code files}, each named by its file name. */
    public byte[] sign(Spec spec, List<Path> files) throws IOException {
        List<Artifact> artifacts = new ArrayList<>();
        for (Path file : files) {
            artifacts.add(new Artifact(file.getFileName().toString(), sha256(file), Files.size(file)));
        }
        UpdateManifest manifest = new UpdateManifest(spec.name(), spec.version(), spec.kind(), artifacts,
                spec.bundles(), new Target(spec.profiles(), spec.gatewayVersions()), spec.expires(),
                spec.allowDowngrade(), null);
        return Envelope.sign(ManifestJson.write(manifest), key.getPrivate(), key.getPublic()).toJson();
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = Fetcher.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Hands the key generator the seed of an existing key, so that it derives that key's pair. */
    private static final class FixedRandom extends java.security.SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
