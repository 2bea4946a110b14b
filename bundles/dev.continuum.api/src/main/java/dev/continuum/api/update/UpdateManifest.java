package dev.continuum.api.update;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The content of a verified update manifest: what is installed, for which gateways, until when.
 *
 * <p>Wire form (signed, see {@code docs/updates.md}): JSON with {@code name}, {@code version} (OSGi
 * version syntax), {@code kind}, {@code artifacts[{name, sha256, size}]}, {@code bundles[{symbolicName,
 * version}]} (for packages: the bundles the package must contain, no more, no fewer), {@code target{profiles,
 * gatewayVersions}}, {@code expires} (ISO-8601 instant) and optionally {@code allowDowngrade}.
 *
 * @param name the deployment package's symbolic name or the model's name
 * @param version the version of the set
 * @param kind what the artifacts are
 * @param artifacts the files pinned together, each fetched relative to the manifest's location
 * @param bundles for {@link Kind#PACKAGE}: the bundles the package must contain exactly
 * @param target where it may be installed
 * @param expires after this instant the manifest is refused (limits replay of old, vulnerable versions)
 * @param allowDowngrade signed permission to install over a newer version when the operator forces it
 * @param keyId the trust anchor that signed it (set by verification)
 */
public record UpdateManifest(
        String name,
        String version,
        Kind kind,
        List<Artifact> artifacts,
        List<PinnedBundle> bundles,
        Target target,
        Instant expires,
        boolean allowDowngrade,
        String keyId) {

    public UpdateManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        artifacts = List.copyOf(artifacts);
        bundles = List.copyOf(bundles);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(expires, "expires");
    }

    /** What an update carries. */
    public enum Kind {
        /** One OSGi deployment package (.dp) installed through Deployment Admin. */
        PACKAGE,
        /** An ONNX model and its inference manifest, installed through the inference service. */
        MODEL
    }

    /**
     * One file of the set.
     *
     * @param name file name relative to the manifest's location (no {@code /}, no {@code ..})
     * @param sha256 lower-case hex SHA-256 of the file
     * @param size exact size in bytes
     */
    public record Artifact(String name, String sha256, long size) {
    }

    /** A bundle that a package pins. */
    public record PinnedBundle(String symbolicName, String version) {
    }

    /**
     * Compatibility.
     *
     * @param profiles hardware profiles it may be installed on ({@code continuum.profile}); empty = any
     * @param gatewayVersions OSGi version range of the gateway (the core bundle's version), e.g. {@code [0.1,1)}
     */
    public record Target(List<String> profiles, String gatewayVersions) {
        public Target {
            profiles = List.copyOf(profiles);
            Objects.requireNonNull(gatewayVersions, "gatewayVersions");
        }
    }
}
