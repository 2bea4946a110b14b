package dev.continuum.launcher.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssemblyTest {

    @TempDir
    Path root;

    private Path features() throws IOException {
        return Files.createDirectories(root.resolve("features"));
    }

    private Path hardware() throws IOException {
        return Files.createDirectories(root.resolve("hardware"));
    }

    private void feature(String name, String json) throws IOException {
        Files.writeString(features().resolve(name + ".json"), json);
    }

    private void profile(String name, String json) throws IOException {
        Files.writeString(Files.createDirectories(hardware().resolve(name)).resolve("profile.json"), json);
    }

    @Test
    void profileMergesItsFeaturesBundlesPropertiesAndConfigurationsWithProfileOverridesWinning() throws Exception {
        feature("core", """
                {"name": "core",
                 "bundles": [{"id": "org.example:a:1.0", "start-order": 2}, {"id": "org.example:b:2.0"}],
                 "framework-properties": {"http.port": 8080, "x": "core"},
                 "configurations": {"pid.one": {"a": 1, "b": "two"}}}""");
        feature("extra", """
                {"name": "extra",
                 "bundles": [{"id": "org.example:a:1.0", "start-order": 1}],
                 "configurations": {"pid.one": {"b": "three"}, "factory~x": {"c": true}}}""");
        profile("board", """
                {"name": "board", "features": ["core", "extra"],
                 "framework-properties": {"x": "board"},
                 "configurations": {"pid.one": {"a": 5}}}""");

        Assembly assembly = Assembly.ofProfile(hardware(), features(), "board");

        assertThat(assembly.bundles()).extracting(BundleRef::coordinates, BundleRef::startLevel)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("org.example:a:1.0", 1),
                        org.assertj.core.groups.Tuple.tuple("org.example:b:2.0", 20));
        assertThat(assembly.frameworkProperties()).containsEntry("http.port", "8080").containsEntry("x", "board");
        assertThat(assembly.configurations().get("pid.one").toString()).isEqualTo("{\"a\":5,\"b\":\"three\"}");
        assertThat(assembly.configurations()).containsKey("factory~x");
        assertThat(assembly.maxStartLevel()).isEqualTo(20);
        assertThat(assembly.configurationDocument().has(":configurator:resource-version")).isTrue();
    }

    @Test
    void malformedJsonNamesTheFileLineAndColumn() throws Exception {
        feature("core", "{\"name\": \"core\",\n  \"bundles\": [\n    {\"id\": \"a:b:1\"\n  ]\n}");

        assertThatThrownBy(() -> Assembly.ofFeatures(features(), List.of("core")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("core.json: malformed JSON")
                .hasMessageContaining("line 4");
    }

    @Test
    void anUnknownKeyIsNamedWithTheAcceptedOnes() throws Exception {
        feature("core", "{\"name\": \"core\", \"bundle\": []}");

        assertThatThrownBy(() -> Assembly.ofFeatures(features(), List.of("core")))
                .hasMessageEndingWith("core.json: $.bundle: unknown key; accepted: "
                        + String.join(", ", Feature.KEYS));
    }

    @Test
    void badBundleCoordinatesAndStartOrdersNameTheirPath() throws Exception {
        feature("core", "{\"name\": \"core\", \"bundles\": [{\"id\": \"a:b:1\"}, {\"id\": \"just-a-name\"}]}");
        assertThatThrownBy(() -> Assembly.ofFeatures(features(), List.of("core")))
                .hasMessageEndingWith("core.json: $.bundles[1].id: 'just-a-name' is not groupId:artifactId:version");

        feature("core", "{\"name\": \"core\", \"bundles\": [{\"id\": \"a:b:1\", \"start-order\": 0}]}");
        assertThatThrownBy(() -> Assembly.ofFeatures(features(), List.of("core")))
                .hasMessageEndingWith("$.bundles[0].start-order: expected a whole number of 1 or more, got 0");

        feature("core", "{\"name\": \"core\", \"bundles\": [{\"id\": \"a:b:${v}\"}]}");
        assertThatThrownBy(() -> Assembly.ofFeatures(features(), List.of("core")))
                .hasMessageContaining("has an unfiltered property");
    }

    @Test
    void twoFeaturesNamingDifferentVersionsOfABundleAreRefusedNamingBoth() throws Exception {
        feature("one", "{\"name\": \"one\", \"bundles\": [{\"id\": \"org.example:a:1.0\"}]}");
        feature("two", "{\"name\": \"two\", \"bundles\": [{\"id\": \"org.example:a:2.0\"}]}");

        assertThatThrownBy(() -> Assembly.ofFeatures(features(), List.of("one", "two")))
                .hasMessage("features 'one' and 'two' name different versions of org.example:a: 1.0 and 2.0");
    }

    @Test
    void unknownProfilesAndFeaturesListTheOnesThatExist() throws Exception {
        feature("core", "{\"name\": \"core\"}");
        profile("board", "{\"name\": \"board\", \"features\": [\"core\", \"missing\"]}");

        assertThatThrownBy(() -> Assembly.ofProfile(hardware(), features(), "bored"))
                .hasMessageStartingWith("no profile 'bored'").hasMessageEndingWith("profiles: board");
        assertThatThrownBy(() -> Assembly.ofProfile(hardware(), features(), "board"))
                .hasMessageStartingWith("no feature 'missing'").hasMessageEndingWith("features: core");
    }

    @Test
    void aConfigurationMustBeAnObjectUnderAPidOrFactoryPidAndName() throws Exception {
        feature("core", "{\"name\": \"core\", \"configurations\": {\"pid\": 5}}");
        assertThatThrownBy(() -> Assembly.ofFeatures(features(), List.of("core")))
                .hasMessageEndingWith("$.configurations.pid: expected an object of properties, got 5");

        feature("core", "{\"name\": \"core\", \"configurations\": {\"factory~\": {}}}");
        assertThatThrownBy(() -> Assembly.ofFeatures(features(), List.of("core")))
                .hasMessageEndingWith("$.configurations.factory~: a configuration key is a PID or factoryPID~name");
    }

    @Test
    void aProfileMustNameAtLeastOneFeatureAndMatchItsFolder() throws Exception {
        profile("board", "{\"name\": \"board\", \"features\": []}");
        assertThatThrownBy(() -> Assembly.ofProfile(hardware(), features(), "board"))
                .hasMessageEndingWith("$.features: a profile names at least one feature");

        profile("board", "{\"name\": \"other\", \"features\": [\"core\"]}");
        assertThatThrownBy(() -> Assembly.ofProfile(hardware(), features(), "board"))
                .hasMessageEndingWith("$.name: 'other' must equal the folder name 'board'");
    }

    @Test
    void aMissingBundleJarSaysHowToGetIt() {
        BundleRef ref = new BundleRef("org.example", "a", "1.0", 1);
        assertThatThrownBy(() -> ref.resolve(List.of(root)))
                .hasMessageContaining("bundle org.example:a:1.0 is not in")
                .hasMessageContaining("mvn dependency:get -Dartifact=org.example:a:1.0");
    }
}
