package dev.continuum.update.internal.manifest;

import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateException.Reason;
import dev.continuum.api.update.UpdateManifest;
import java.security.PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * Checks a signed manifest before anything is downloaded: signature by a trust anchor, expiry, target,
 * version. The order matters: nothing of an unauthenticated payload is trusted, so the signature is
 * checked before the payload is even parsed.
 */
public final class Verifier {

    /** The gateway the manifest must fit. */
    public record Gateway(String profile, Version version, Instant now) {
    }

    private final Map<String, PublicKey> anchors;

    /** @param anchors the trusted public keys (several during a key rotation) */
    public Verifier(Iterable<PublicKey> anchors) {
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        anchors.forEach(key -> byId.put(Keys.keyId(key), key));
        this.anchors = Map.copyOf(byId);
    }

    public Map<String, PublicKey> anchors() {
        return anchors;
    }

    /**
     * Verifies {@code signed}.
     *
     * @param installed the installed version of a name, if any
     * @param forceDowngrade the operator forces a downgrade (honoured only if the manifest allows it)
     */
    public UpdateManifest verify(byte[] signed, Gateway gateway, Function<String, Optional<Version>> installed,
            boolean forceDowngrade) throws UpdateException {
        Envelope envelope = Envelope.parse(signed);
        String keyId = authenticate(envelope);
        UpdateManifest manifest = ManifestJson.parse(envelope.payload(), keyId);
        if (!gateway.now().isBefore(manifest.expires())) {
            throw new UpdateException(Reason.EXPIRED, manifest.name() + " " + manifest.version() + ": the manifest"
                    + " expired at " + manifest.expires() + " (now " + gateway.now() + "); ask for a freshly signed one");
        }
        if (!manifest.target().profiles().isEmpty() && !manifest.target().profiles().contains(gateway.profile())) {
            throw new UpdateException(Reason.INCOMPATIBLE_TARGET, manifest.name() + " " + manifest.version()
                    + " targets profiles " + manifest.target().profiles() + "; this gateway runs profile '"
                    + gateway.profile() + "'");
        }
        if (!new VersionRange(manifest.target().gatewayVersions()).includes(gateway.version())) {
            throw new UpdateException(Reason.INCOMPATIBLE_TARGET, manifest.name() + " " + manifest.version()
                    + " needs gateway versions " + manifest.target().gatewayVersions() + "; this gateway is "
                    + gateway.version());
        }
        Optional<Version> current = installed.apply(manifest.name());
        Version next = Version.parseVersion(manifest.version());
        if (current.isPresent() && next.compareTo(current.get()) <= 0) {
            if (!forceDowngrade) {
                throw new UpdateException(Reason.DOWNGRADE, manifest.name() + " " + next + " is not newer than the"
                        + " installed " + current.get() + "; a downgrade needs a forced request and a manifest"
                        + " signed with allowDowngrade");
            }
            if (!manifest.allowDowngrade()) {
                throw new UpdateException(Reason.DOWNGRADE, manifest.name() + " " + next + ": a downgrade from "
                        + current.get() + " was forced, but the signed manifest does not allow downgrades"
                        + " (allowDowngrade)");
            }
        }
        return manifest;
    }

    private String authenticate(Envelope envelope) throws UpdateException {
        boolean known = false;
        for (Envelope.Sig sig : envelope.signatures()) {
            PublicKey key = anchors.get(sig.keyId());
            if (key == null) {
                continue;
            }
            known = true;
            if (envelope.verifies(sig, key)) {
                return sig.keyId();
            }
        }
        if (known) {
            throw new UpdateException(Reason.TAMPERED, "the manifest's signature does not match its content:"
                    + " it was altered after signing");
        }
        throw new UpdateException(Reason.UNTRUSTED_KEY, "the manifest is signed by key(s) "
                + envelope.signatures().stream().map(Envelope.Sig::keyId).toList()
                + ", none of them a trust anchor; trusted: " + anchors.keySet());
    }
}
