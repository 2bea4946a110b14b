package dev.continuum.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.launcher.model.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemRepositoryTest {

    @TempDir
    Path dir;

    @Test
    void copiesEveryBundleOfEveryFeatureKeepingTimesAndDropsOnesNoFeatureNames() throws Exception {
        Path features = Files.createDirectories(dir.resolve("features"));
        Files.writeString(features.resolve("a.json"), """
                {"name": "a", "bundles": [{"id": "org.example:one:1.0", "start-order": 1}]}""");
        Files.writeString(features.resolve("b.json"), """
                {"name": "b", "bundles": [{"id": "org.example:two:2.0"}, {"id": "org.example:one:1.0"}]}""");
        Path repository = dir.resolve("m2");
        Path one = jar(repository, "org/example/one/1.0/one-1.0.jar");
        jar(repository, "org/example/two/2.0/two-2.0.jar");
        Path system = dir.resolve("system");
        Path stale = jar(system, "org/example/old/0.9/old-0.9.jar");

        assertThat(SystemRepository.fill(features, List.of(), repository, system)).isEqualTo(2);

        assertThat(system.resolve("org/example/one/1.0/one-1.0.jar")).hasSameBinaryContentAs(one);
        assertThat(Files.getLastModifiedTime(system.resolve("org/example/one/1.0/one-1.0.jar")))
                .isEqualTo(Files.getLastModifiedTime(one));
        assertThat(system.resolve("org/example/two/2.0/two-2.0.jar")).exists();
        assertThat(stale).doesNotExist();
        assertThat(system.resolve("org/example/old")).doesNotExist();
    }

    @Test
    void failsNamingTheBundleThatIsNotBuilt() throws Exception {
        Path features = Files.createDirectories(dir.resolve("features"));
        Files.writeString(features.resolve("a.json"), """
                {"name": "a", "bundles": [{"id": "org.example:missing:1.0"}]}""");

        assertThatThrownBy(() -> SystemRepository.fill(features, List.of(), dir.resolve("m2"), dir.resolve("system")))
                .isInstanceOf(ModelException.class).hasMessageContaining("org.example:missing:1.0");
    }

    @Test
    void prefersTheJarThisBuildMadeOverTheLocalRepository() throws Exception {
        Path features = Files.createDirectories(dir.resolve("features"));
        Files.writeString(features.resolve("a.json"), """
                {"name": "a", "bundles": [{"id": "org.example:one:1.0-SNAPSHOT"}]}""");
        jar(dir.resolve("m2"), "org/example/one/1.0-SNAPSHOT/one-1.0-SNAPSHOT.jar");
        Path built = Files.writeString(Files.createDirectories(dir.resolve("bundles/one/target"))
                .resolve("one-1.0-SNAPSHOT.jar"), "just built");

        SystemRepository.fill(features, List.of(dir.resolve("bundles")), dir.resolve("m2"), dir.resolve("system"));

        assertThat(dir.resolve("system/org/example/one/1.0-SNAPSHOT/one-1.0-SNAPSHOT.jar")).hasSameBinaryContentAs(built);
    }

    private static Path jar(Path repository, String path) throws Exception {
        Path jar = repository.resolve(path);
        Files.createDirectories(jar.getParent());
        Files.write(jar, path.getBytes());
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_000_000L));
        return jar;
    }
}
