package dev.continuum.launcher.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A bundle named by Maven coordinates, with the start level (OSGi start order) it starts at.
 *
 * @param groupId Maven group
 * @param artifactId Maven artifact
 * @param version Maven version
 * @param startLevel the bundle's start level, 1 or more
 */
public record BundleRef(String groupId, String artifactId, String version, int startLevel) {

    private static final Pattern COORDINATES = Pattern.compile("[\\w.\\-]+:[\\w.\\-]+:[\\w.\\-]+");

    static BundleRef parse(String coordinates, int startLevel, JsonFile file, String path) throws ModelException {
        if (coordinates.contains("${")) {
            throw file.error(path, "'" + coordinates + "' has an unfiltered property: read the built features");
        }
        if (!COORDINATES.matcher(coordinates).matches()) {
            throw file.error(path, "'" + coordinates + "' is not groupId:artifactId:version");
        }
        String[] parts = coordinates.split(":");
        return new BundleRef(parts[0], parts[1], parts[2], startLevel);
    }

    /** {@code groupId:artifactId}, the identity of the bundle regardless of version. */
    public String key() {
        return groupId + ":" + artifactId;
    }

    public String coordinates() {
        return key() + ":" + version;
    }

    /** The jar in the first repository (Maven layout) that has it. */
    public Path resolve(List<Path> repositories) throws ModelException {
        String relative = groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/"
                + artifactId + "-" + version + ".jar";
        for (Path repository : repositories) {
            Path jar = repository.resolve(relative);
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new ModelException("bundle " + coordinates() + " is not in " + repositories
                + " (build it with 'mvn install' or fetch it with 'mvn dependency:get -Dartifact="
                + coordinates() + "')");
    }
}
