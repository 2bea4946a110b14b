package dev.continuum.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.continuum.launcher.model.Assembly;
import dev.continuum.launcher.model.BundleRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the built packages hold: control fields, files, conffiles, maintainer scripts, the unit. */
class DebPackageIT {

    static final String AMD64 = "continuum-industrial-pc-x86-64";
    static final String PI4 = "continuum-raspberry-pi-4";

    static Path amd64;
    static List<String> files;

    @BeforeAll
    static void listAmd64() throws IOException {
        amd64 = Debs.of(AMD64, "amd64");
        files = Arrays.stream(Command.run(List.of("dpkg-deb", "--contents", amd64.toString())).ok().split("\n"))
                .map(line -> line.substring(line.indexOf("./") + 1).replaceAll(" -> .*", ""))
                .toList();
    }

    @Test
    void controlFieldsNameTheBoardArchitectureAndJava17() {
        assertThat(Debs.field(amd64, "Package")).isEqualTo(AMD64);
        assertThat(Debs.field(amd64, "Architecture")).isEqualTo("amd64");
        assertThat(Debs.field(amd64, "Version")).matches("0\\.1\\.0~\\d{14}");
        assertThat(Debs.field(amd64, "Depends")).contains("openjdk-17-jre-headless | java17-runtime-headless");
        assertThat(Debs.field(amd64, "Provides")).isEqualTo("continuum");
        assertThat(Debs.field(amd64, "Conflicts")).isEqualTo("continuum");
        assertThat(Debs.field(amd64, "Description")).contains("industrial-pc-x86_64");
    }

    @Test
    void armBoardsAreArm64PackagesOfTheirOwnProfile() throws IOException {
        for (String board : List.of("raspberry-pi-4", "raspberry-pi-5", "jetson-orin-nano")) {
            Path deb = Debs.of("continuum-" + board, "arm64");
            assertThat(Debs.field(deb, "Architecture")).isEqualTo("arm64");
            assertThat(Command.run(List.of("dpkg-deb", "--contents", deb.toString())).ok())
                    .contains("./opt/continuum/hardware/" + board + "/profile.json")
                    .contains("./lib/systemd/system/continuum.service.d/gpio.conf")
                    .doesNotContain("industrial-pc-x86_64")
                    .doesNotContain("60-continuum-gpio.rules");
        }
    }

    @Test
    void installsTheLauncherEveryFeatureBundleTheBoardProfileAndTheUnit(@TempDir Path root) throws Exception {
        assertThat(files).contains("/opt/continuum/bin/continuum", "/opt/continuum/bin/continuumctl",
                "/usr/bin/continuumctl", "/opt/continuum/lib/dev.continuum.launcher-0.1.0-SNAPSHOT.jar",
                "/opt/continuum/lib/org.apache.felix.framework-7.0.5.jar",
                "/opt/continuum/hardware/industrial-pc-x86_64/profile.json",
                "/opt/continuum/hardware/industrial-pc-x86_64/jvm.options",
                "/etc/continuum/continuum.conf", "/etc/continuum/jvm.options", "/etc/continuum/framework.properties",
                "/lib/systemd/system/continuum.service", "/lib/systemd/system/continuum.service.d/gpio.conf",
                "/lib/udev/rules.d/60-continuum-gpio.rules",
                "/usr/share/doc/" + AMD64 + "/copyright", "/usr/share/doc/" + AMD64 + "/changelog.gz");
        Command.run(List.of("dpkg-deb", "--extract", amd64.toString(), root.toString())).ok();
        Path packaged = root.resolve("opt/continuum/features");
        int features = 0;
        for (String feature : SystemRepository.featureNames(packaged)) {
            features++;
            for (BundleRef bundle : Assembly.ofFeatures(packaged, List.of(feature)).bundles()) {
                assertThat(files).as("feature %s", feature).contains("/opt/continuum/system/"
                        + bundle.groupId().replace('.', '/') + "/" + bundle.artifactId() + "/" + bundle.version() + "/"
                        + bundle.artifactId() + "-" + bundle.version() + ".jar");
            }
            assertThat(files).contains("/opt/continuum/features/" + feature + ".json");
        }
        assertThat(features).isGreaterThanOrEqualTo(2);
        assertThat(Assembly.ofProfile(root.resolve("opt/continuum/hardware"), packaged, "industrial-pc-x86_64")
                .bundles()).isNotEmpty();
        assertThat(files).noneMatch(file -> file.startsWith("/var/"));
    }

    @Test
    void settingsAreConffilesAndMaintainerScriptsAreValidShell(@TempDir Path control) throws IOException {
        Command.run(List.of("dpkg-deb", "--control", amd64.toString(), control.toString())).ok();
        assertThat(Files.readAllLines(control.resolve("conffiles"))).containsExactlyInAnyOrder(
                "/etc/continuum/continuum.conf", "/etc/continuum/jvm.options", "/etc/continuum/framework.properties");
        for (String script : List.of("preinst", "postinst", "prerm", "postrm")) {
            Path file = control.resolve(script);
            assertThat(Files.isExecutable(file)).as(script).isTrue();
            Command.run(List.of("sh", "-n", file.toString())).ok();
        }
        assertThat(Files.readString(control.resolve("preinst")))
                .contains("THIS_VERSION='" + Debs.field(amd64, "Version") + "'").doesNotContain("[[");
        assertThat(Files.readString(control.resolve("postinst"))).contains("GPIO=yes").doesNotContain("@GPIO@");
    }

    @Test
    void unitRestartsOnFailureWithWatchdogAndHardening(@TempDir Path root) {
        Command.run(List.of("dpkg-deb", "--extract", amd64.toString(), root.toString())).ok();
        String unit = read(root.resolve("lib/systemd/system/continuum.service"));
        assertThat(unit).contains("Type=notify", "NotifyAccess=all", "WatchdogSec=", "Restart=on-failure",
                "User=continuum", "NoNewPrivileges=yes", "ProtectSystem=strict",
                "ReadWritePaths=/var/lib/continuum /var/log/continuum", "PrivateTmp=yes",
                "ExecStart=/opt/continuum/bin/continuum").doesNotContain("SupplementaryGroups");
        assertThat(read(root.resolve("lib/systemd/system/continuum.service.d/gpio.conf")))
                .contains("SupplementaryGroups=gpio");
        assertThat(read(root.resolve("etc/continuum/jvm.options")))
                .isEqualTo(read(Path.of("../industrial-pc-x86_64/jvm.options")));
    }

    @Test
    void systemdAcceptsEveryUnitSettingAndRatesTheExposureOk(@TempDir Path root) {
        assumeTrue(Command.run(List.of("sh", "-c", "command -v systemd-analyze")).exitCode() == 0,
                "systemd-analyze is not installed");
        Command.run(List.of("dpkg-deb", "--extract", amd64.toString(), root.toString())).ok();
        // verify also says that /opt/continuum/bin/continuum is missing on this machine: that is expected.
        String verify = Command.run(List.of("systemd-analyze", "verify",
                root.resolve("lib/systemd/system/continuum.service").toString())).output();
        assertThat(verify).doesNotContain("Unknown", "Failed to parse", "ignoring");
        String security = Command.run(List.of("systemd-analyze", "security", "--offline=yes", "--root=" + root,
                "continuum.service")).output();
        java.util.regex.Matcher level = java.util.regex.Pattern
                .compile("Overall exposure level for continuum.service: (\\d+\\.\\d)").matcher(security);
        assertThat(level.find()).as(security).isTrue();
        assertThat(Double.parseDouble(level.group(1))).as("exposure (0 safe .. 10 unsafe)").isLessThan(5.0);
    }

    @Test
    void lintianReportsNoErrors() {
        assumeTrue(Command.run(List.of("sh", "-c", "command -v lintian")).exitCode() == 0,
                "lintian is not installed (apt-get install lintian)");
        Command lintian = Command.run(List.of("lintian", "--tag-display-limit", "0", amd64.toString()));
        assertThat(lintian.output()).doesNotContainPattern("(?m)^E: ");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
