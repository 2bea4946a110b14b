package dev.continuum.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The packages this build made (target/debs), found by package name. */
final class Debs {

    static final Path DIR = Path.of(System.getProperty("continuum.debs.dir", "target/debs"));

    private Debs() {
    }

    static Path of(String packageName, String architecture) throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Path> debs = files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith(packageName + "_") && name.endsWith("_" + architecture + ".deb");
            }).toList();
            if (debs.size() != 1) {
                throw new AssertionError("expected one " + packageName + " " + architecture + " package in " + DIR
                        + ", found " + debs);
            }
            return debs.get(0);
        }
    }

    static String field(Path deb, String field) {
        return Command.run(List.of("dpkg-deb", "--field", deb.toString(), field)).ok().trim();
    }
}
