package dev.continuum.launcher;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The gateway's data directory holds its secrets: the administrator's password hash, the HTTPS key store and its
 * password (also in the HTTP service's saved configuration), endpoint credentials. It is the owner's alone.
 */
final class DataDirectory {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private DataDirectory() {
    }

    /**
     * Creates {@code data} (and missing parents) and leaves it readable by its owner only, so that files written
     * inside it under a lenient umask are not reachable by other users. Returns a note when an existing directory
     * had to be tightened, or null.
     */
    static String prepare(Path data) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(data)) {
            Files.createDirectories(data);
            if (posix) {
                Files.setPosixFilePermissions(data, OWNER_ONLY);
            }
            return null;
        }
        if (!posix || Files.getPosixFilePermissions(data).equals(OWNER_ONLY)) {
            return null;
        }
        String before = PosixFilePermissions.toString(Files.getPosixFilePermissions(data));
        if (!ours(data)) {
            // A directory in use for other things (say, --data /tmp): its permissions are not ours to change.
            return "data directory " + data + " is " + before + " and holds other files: others may read the gateway's"
                    + " secrets there; give the gateway a directory of its own";
        }
        Files.setPosixFilePermissions(data, OWNER_ONLY);
        return "data directory " + data + " was " + before + "; now rwx------ (it holds the gateway's secrets)";
    }

    /** Empty, or a gateway's: its OSGi bundle cache, or its configuration and run folders, are in it. */
    private static boolean ours(Path data) throws IOException {
        try (java.util.stream.Stream<Path> entries = Files.list(data)) {
            if (entries.findAny().isEmpty()) {
                return true;
            }
        }
        return Files.isDirectory(data.resolve("framework"))
                || Files.isDirectory(data.resolve("config")) && Files.isDirectory(data.resolve("run"));
    }
}
