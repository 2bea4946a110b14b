package dev.continuum.update.internal.manifest;

import static dev.continuum.update.internal.manifest.Fixtures.NOW;
import static dev.continuum.update.internal.manifest.Fixtures.manifest;
import static dev.continuum.update.internal.manifest.Fixtures.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateException.Reason;
import dev.continuum.api.update.UpdateManifest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class VerifierTest {

    private final KeyPair anchor = Fixtures.newKey();
    private final Verifier verifier = new Verifier(List.of(anchor.getPublic()));
    private final Verifier.Gateway gateway = new Verifier.Gateway("simulator", new Version("0.1.0"), NOW);

    private UpdateManifest verify(byte[] signed, String installed, boolean force) throws UpdateException {
        return verifier.verify(signed, gateway, name -> Optional.ofNullable(installed).map(Version::parseVersion), force);
    }

    private static Reason reason(ThrowingVerify call) {
        try {
            call.run();
        } catch (UpdateException e) {
            return e.reason();
        }
        throw new AssertionError("expected an UpdateException");
    }

    private interface ThrowingVerify {
        void run() throws UpdateException;
    }

    @Test
    void acceptsAManifestSignedByATrustAnchorAndNamesTheKey() throws UpdateException {
        UpdateManifest verified = verify(signed(manifest("1.1.0"), anchor), "1.0.0", false);

        assertThat(verified.version()).isEqualTo("1.1.0");
        assertThat(verified.keyId()).isEqualTo(Keys.keyId(anchor.getPublic()));
        assertThat(verified.artifacts()).singleElement().satisfies(a -> assertThat(a.size()).isEqualTo(1234));
    }

    @Test
    void refusesABareManifestAsUnsigned() {
        byte[] bare = ManifestJson.write(manifest("1.1.0"));

        assertThat(reason(() -> verify(bare, null, false))).isEqualTo(Reason.UNSIGNED);
    }

    @Test
    void refusesAnEnvelopeWithoutSignaturesAsUnsigned() {
        String envelope = "{\"payloadType\":\"" + Envelope.PAYLOAD_TYPE + "\",\"payload\":\""
                + Base64.getEncoder().encodeToString(ManifestJson.write(manifest("1.1.0"))) + "\",\"signatures\":[]}";

        assertThat(reason(() -> verify(envelope.getBytes(StandardCharsets.UTF_8), null, false)))
                .isEqualTo(Reason.UNSIGNED);
    }

    @Test
    void refusesAManifestAlteredAfterSigningAsTampered() throws UpdateException {
        Envelope original = Envelope.parse(signed(manifest("1.1.0"), anchor));
        byte[] altered = new String(original.payload(), StandardCharsets.UTF_8)
                .replace("\"size\": 1234", "\"size\": 99999").getBytes(StandardCharsets.UTF_8);
        byte[] tampered = new Envelope(altered, original.signatures()).toJson();

        assertThatThrownBy(() -> verify(tampered, null, false)).isInstanceOf(UpdateException.class)
                .hasMessageContaining("altered").extracting(e -> ((UpdateException) e).reason())
                .isEqualTo(Reason.TAMPERED);
    }

    @Test
    void refusesAManifestSignedByAnotherKeyNamingTheTrustedKeys() {
        byte[] wrongKey = signed(manifest("1.1.0"), Fixtures.newKey());

        assertThatThrownBy(() -> verify(wrongKey, null, false)).isInstanceOf(UpdateException.class)
                .hasMessageContaining(Keys.keyId(anchor.getPublic()))
                .extracting(e -> ((UpdateException) e).reason()).isEqualTo(Reason.UNTRUSTED_KEY);
    }

    @Test
    void acceptsBothOldAndNewKeyDuringARotationAndOnlyTheNewOneAfterIt() throws UpdateException {
        KeyPair next = Fixtures.newKey();
        Verifier rotating = new Verifier(List.of(anchor.getPublic(), next.getPublic()));
        Verifier rotated = new Verifier(List.of(next.getPublic()));

        assertThat(rotating.verify(signed(manifest("1.1.0"), anchor), gateway, n -> Optional.empty(), false).keyId())
                .isEqualTo(Keys.keyId(anchor.getPublic()));
        assertThat(rotating.verify(signed(manifest("1.1.0"), next), gateway, n -> Optional.empty(), false).keyId())
                .isEqualTo(Keys.keyId(next.getPublic()));
        assertThat(reason(() -> rotated.verify(signed(manifest("1.1.0"), anchor), gateway, n -> Optional.empty(),
                false))).isEqualTo(Reason.UNTRUSTED_KEY);
    }

    @Test
    void refusesAnExpiredManifest() {
        UpdateManifest m = manifest("1.1.0");
        UpdateManifest expired = new UpdateManifest(m.name(), m.version(), m.kind(), m.artifacts(), m.bundles(),
                m.target(), NOW.minusSeconds(1), false, null);

        assertThat(reason(() -> verify(signed(expired, anchor), null, false))).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void refusesAnotherProfileAndAnotherGatewayVersion() {
        UpdateManifest m = manifest("1.1.0");
        UpdateManifest otherProfile = new UpdateManifest(m.name(), m.version(), m.kind(), m.artifacts(), m.bundles(),
                new UpdateManifest.Target(List.of("jetson-orin-nano"), "[0.1,1)"), m.expires(), false, null);
        UpdateManifest otherVersion = new UpdateManifest(m.name(), m.version(), m.kind(), m.artifacts(), m.bundles(),
                new UpdateManifest.Target(List.of(), "[2.0,3)"), m.expires(), false, null);

        assertThatThrownBy(() -> verify(signed(otherProfile, anchor), null, false))
                .hasMessageContaining("jetson-orin-nano").hasMessageContaining("'simulator'")
                .extracting(e -> ((UpdateException) e).reason()).isEqualTo(Reason.INCOMPATIBLE_TARGET);
        assertThat(reason(() -> verify(signed(otherVersion, anchor), null, false)))
                .isEqualTo(Reason.INCOMPATIBLE_TARGET);
    }

    @Test
    void refusesAnOlderOrEqualVersionThanInstalled() {
        assertThat(reason(() -> verify(signed(manifest("1.0.0"), anchor), "1.1.0", false))).isEqualTo(Reason.DOWNGRADE);
        assertThat(reason(() -> verify(signed(manifest("1.1.0"), anchor), "1.1.0", false))).isEqualTo(Reason.DOWNGRADE);
    }

    @Test
    void refusesAForcedDowngradeUnlessTheSignedManifestAllowsIt() throws UpdateException {
        UpdateManifest m = manifest("1.0.0");
        UpdateManifest allowed = new UpdateManifest(m.name(), m.version(), m.kind(), m.artifacts(), m.bundles(),
                m.target(), m.expires(), true, null);

        assertThatThrownBy(() -> verify(signed(m, anchor), "1.1.0", true)).hasMessageContaining("allowDowngrade")
                .extracting(e -> ((UpdateException) e).reason()).isEqualTo(Reason.DOWNGRADE);
        assertThat(reason(() -> verify(signed(allowed, anchor), "1.1.0", false))).isEqualTo(Reason.DOWNGRADE);
        assertThat(verify(signed(allowed, anchor), "1.1.0", true).version()).isEqualTo("1.0.0");
    }

    @Test
    void refusesAManifestWithAPathAsArtifactName() {
        UpdateManifest m = manifest("1.1.0");
        UpdateManifest traversal = new UpdateManifest(m.name(), m.version(), m.kind(),
                List.of(new UpdateManifest.Artifact("../../etc/passwd", "ab".repeat(32), 1)), m.bundles(), m.target(),
                m.expires(), false, null);

        assertThat(reason(() -> verify(signed(traversal, anchor), null, false))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void refusesTextThatIsNotJson() {
        assertThat(reason(() -> verify("not json".getBytes(StandardCharsets.UTF_8), null, false)))
                .isEqualTo(Reason.MALFORMED);
    }
}
