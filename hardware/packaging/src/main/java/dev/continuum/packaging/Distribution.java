package dev.continuum.packaging;

import dev.continuum.launcher.model.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build step of the Debian packages (run by Maven, see {@code hardware/packaging/pom.xml}): fills the
 * {@code /opt/continuum} tree shared by every board with the bundles the features name, then writes each
 * board's control files and board-specific files from the templates.
 *
 * <pre>
 * Distribution --features DIR --hardware DIR --reactor DIR... --repository DIR --templates DIR --systemd DIR
 *              --output DIR --debs DIR --version MAVEN_VERSION --board NAME:ARCH[:gpio]...
 * </pre>
 */
public final class Distribution {

    private Distribution() {
    }

    private static void deleteDebs(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path deb : files.filter(file -> file.toString().endsWith(".deb")).toList()) {
                    Files.delete(deb);
                }
            }
        }
    }

    public static void main(String[] args) throws IOException, ModelException {
        Arguments arguments = Arguments.parse(args);
        Path output = arguments.path("--output");
        Path common = output.resolve("continuum");
        // The packages of earlier builds would be taken for this build's.
        deleteDebs(arguments.path("--debs"));
        List<Path> reactor = arguments.values("--reactor").stream().map(Path::of).toList();
        int bundles = SystemRepository.fill(arguments.path("--features"), reactor, arguments.path("--repository"),
                common.resolve("system"));
        List<String> built = new ArrayList<>();
        for (String spec : arguments.values("--board")) {
            Board board = Board.parse(spec);
            new BoardFiles(board, arguments.value("--version"), arguments.path("--templates"), arguments.path("--systemd"),
                    arguments.path("--hardware"), arguments.path("--features"))
                    .write(output.resolve("boards").resolve(board.name()));
            built.add(board.packageName() + " (" + board.architecture() + ")");
        }
        System.out.println("continuum packaging: " + bundles + " bundles in " + common.resolve("system") + "; "
                + String.join(", ", built));
    }
}
