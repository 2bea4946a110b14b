package dev.continuum.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.launcher.model.Assembly;
import dev.continuum.launcher.model.BundleRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every built feature parses, and every bundle it names is a dependency of this module (so the build fetches it). */
class FeaturesTest {

    private static final Path BUILT = Paths.get("target", "features");

    @Test
    void everyFeatureParsesAndEveryBundleItNamesIsOnThisModulesClassPath() throws Exception {
        List<String> names;
        try (Stream<Path> files = Files.list(BUILT)) {
            names = files.map(file -> file.getFileName().toString().replace(".json", "")).sorted().toList();
        }
        assertThat(names).contains("core", "console");

        Assembly assembly = Assembly.ofFeatures(BUILT, names);
        String classPath = System.getProperty("java.class.path");
        for (BundleRef bundle : assembly.bundles()) {
            String jar = bundle.artifactId() + "-" + bundle.version() + ".jar";
            String reactorJar = Paths.get(bundle.artifactId(), "target", "classes").toString();
            assertThat(classPath.contains(jar) || classPath.contains(reactorJar))
                    .as("%s is a dependency of features/pom.xml", bundle.coordinates())
                    .isTrue();
        }
    }
}
