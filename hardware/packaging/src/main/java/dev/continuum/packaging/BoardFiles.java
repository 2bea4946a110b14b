package dev.continuum.packaging;

import dev.continuum.launcher.model.Assembly;
import dev.continuum.launcher.model.ModelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One board's part of its package, written to {@code boards/BOARD/}: {@code control/} (the control file
 * and maintainer scripts, with {@code @PACKAGE@ @ARCH@ @BOARD@ @GPIO@} replaced; jdeb replaces
 * {@code [[version]]} when it builds the package) and
 * {@code root/} (files installed as they lie: {@code /etc/continuum} defaults, the board's folder under
 * {@code /opt/continuum/hardware}, the systemd unit and, on GPIO boards, its {@code gpio} drop-in and
 * where needed the udev rule for the GPIO chips).
 */
final class BoardFiles {

    private final Board board;
    private final String version;
    private final Path templates;
    private final Path systemd;
    private final Path hardware;
    private final Path features;

    BoardFiles(Board board, String version, Path templates, Path systemd, Path hardware, Path features) {
        this.board = board;
        this.version = version;
        this.templates = templates;
        this.systemd = systemd;
        this.hardware = hardware;
        this.features = features;
    }

    void write(Path target) throws IOException, ModelException {
        Path profile = hardware.resolve(board.name());
        // Fails the build, naming the problem, if the profile or a feature it names is missing or wrong.
        Assembly.ofProfile(hardware, features, board.name());
        if (!Files.isRegularFile(profile.resolve("jvm.options"))) {
            throw new IOException("board " + board.name() + " has no " + profile.resolve("jvm.options"));
        }
        deleteRecursively(target);
        Map<String, String> variables = Map.of("@PACKAGE@", board.packageName(), "@ARCH@", board.architecture(), "@BOARD@", board.name(), "@GPIO@", board.gpio() ? "yes" : "no");
        try (Stream<Path> files = Files.list(templates.resolve("control"))) {
            for (Path file : files.sorted().toList()) {
                filter(file, target.resolve("control").resolve(file.getFileName().toString()), variables);
            }
        }
        Path root = target.resolve("root");
        Path etc = root.resolve("etc/continuum");
        filter(templates.resolve("etc/continuum.conf"), etc.resolve("continuum.conf"), variables);
        copy(templates.resolve("etc/framework.properties"), etc.resolve("framework.properties"));
        copy(profile.resolve("jvm.options"), etc.resolve("jvm.options"));
        Path installedProfile = root.resolve("opt/continuum/hardware").resolve(board.name());
        try (Stream<Path> files = Files.list(profile)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                copy(file, installedProfile.resolve(file.getFileName().toString()));
            }
        }
        write(root.resolve("opt/continuum/package.properties"), "package=" + board.packageName()
                + "\narchitecture=" + board.architecture() + "\nboard=" + board.name() + "\n");
        Path units = root.resolve("lib/systemd/system");
        copy(systemd.resolve("continuum.service"), units.resolve("continuum.service"));
        if (board.gpio()) {
            copy(systemd.resolve("gpio.conf"), units.resolve("continuum.service.d/gpio.conf"));
        }
        Path doc = root.resolve("usr/share/doc").resolve(board.packageName());
        filter(templates.resolve("copyright"), doc.resolve("copyright"), variables);
        Files.write(doc.resolve("changelog.gz"), Changelog.gzipped(board.packageName(), version));
        filter(templates.resolve("lintian-overrides"),
                root.resolve("usr/share/lintian/overrides").resolve(board.packageName()), variables);
        if (board.gpioUdevRule()) {
            copy(systemd.resolve("60-continuum-gpio.rules"), root.resolve("lib/udev/rules.d/60-continuum-gpio.rules"));
        }
    }

    private static void filter(Path source, Path target, Map<String, String> variables) throws IOException {
        String text = Files.readString(source, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            text = text.replace(variable.getKey(), variable.getValue());
        }
        write(target, text);
        if (Files.isExecutable(source)) {
            target.toFile().setExecutable(true, false);
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.copy(source, target);
    }

    private static void write(Path target, String text) throws IOException {
        Files.createDirectories(target.getParent());
        Files.writeString(target, text, StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(directory)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.delete(path);
        }
    }
}
