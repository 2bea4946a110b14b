package dev.continuum.update.internal.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateException.Reason;
import dev.continuum.api.update.UpdateManifest;
import dev.continuum.api.update.UpdateManifest.PinnedBundle;
import dev.continuum.update.internal.manifest.Fixtures;
import dev.continuum.update.tool.DpWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpContentsTest {

    @TempDir
    Path dir;

    private Path bundle(String bsn, String version) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", bsn);
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        Path jar = dir.resolve(bsn + "-" + version + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // a manifest-only bundle is enough here
        }
        return jar;
    }

    private Path dp(String name, String version, Path... bundles) throws IOException {
        List<DpWriter.BundleJar> jars = new java.util.ArrayList<>();
        for (Path bundle : bundles) {
            jars.add(DpWriter.BundleJar.of(bundle));
        }
        Path dp = dir.resolve(name + "-" + version + ".dp");
        DpWriter.write(dp, name, version, jars);
        return dp;
    }

    private static UpdateManifest pinning(String version, PinnedBundle... bundles) {
        UpdateManifest m = Fixtures.manifest(version);
        return new UpdateManifest(m.name(), version, m.kind(), m.artifacts(), List.of(bundles), m.target(),
                m.expires(), false, null);
    }

    @Test
    void writesADeploymentPackageWithoutDirectoryEntriesThatMatchesItsPins() throws Exception {
        Path dp = dp("dev.continuum.example", "1.1.0", bundle("a", "1.0.0"), bundle("b", "2.0.0"));

        DpContents contents = DpContents.read(dp);
        contents.requireMatches(pinning("1.1.0", new PinnedBundle("a", "1.0.0"), new PinnedBundle("b", "2.0")));

        assertThat(contents.bundles()).extracting(PinnedBundle::symbolicName).containsExactly("a", "b");
        try (JarFile jar = new JarFile(dp.toFile())) {
            assertThat(jar.stream()).noneMatch(entry -> entry.isDirectory());
        }
    }

    @Test
    void refusesAPackageWhoseBundlesAreNotExactlyThePinnedSet() throws Exception {
        Path dp = dp("dev.continuum.example", "1.1.0", bundle("a", "1.0.0"), bundle("b", "1.9.0"));

        assertThatThrownBy(() -> DpContents.read(dp).requireMatches(
                pinning("1.1.0", new PinnedBundle("a", "1.0.0"), new PinnedBundle("b", "2.0.0"))))
                .isInstanceOf(UpdateException.class).hasMessageContaining("b;1.9.0")
                .extracting(e -> ((UpdateException) e).reason()).isEqualTo(Reason.MIXED_SET);
        assertThatThrownBy(() -> DpContents.read(dp).requireMatches(pinning("1.1.0", new PinnedBundle("a", "1.0.0"))))
                .extracting(e -> ((UpdateException) e).reason()).isEqualTo(Reason.MIXED_SET);
    }

    @Test
    void refusesAPackageOfAnotherVersionThanItsManifest() throws Exception {
        Path dp = dp("dev.continuum.example", "1.0.0", bundle("a", "1.0.0"));

        assertThatThrownBy(() -> DpContents.read(dp).requireMatches(pinning("1.1.0", new PinnedBundle("a", "1.0.0"))))
                .extracting(e -> ((UpdateException) e).reason()).isEqualTo(Reason.MIXED_SET);
    }

    @Test
    void refusesAJarThatIsNotADeploymentPackage() throws Exception {
        Path plain = bundle("a", "1.0.0");

        assertThatThrownBy(() -> DpContents.read(plain))
                .extracting(e -> ((UpdateException) e).reason()).isEqualTo(Reason.MALFORMED);
    }
}
