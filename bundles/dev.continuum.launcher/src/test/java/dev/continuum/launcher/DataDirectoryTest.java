package dev.continuum.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @Test
    void aNewDataDirectoryIsTheOwnersAlone(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("a/b/data");

        assertThat(DataDirectory.prepare(data)).isNull();

        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(DataDirectory.OWNER_ONLY);
    }

    @Test
    void anExistingDataDirectoryOthersCouldReadIsTightenedAndSaysSo(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createDirectory(data.resolve("framework"));
        Files.writeString(data.resolve("kept"), "x");

        assertThat(DataDirectory.prepare(data)).contains(data.toString(), "was rwxr-xr-x", "now rwx------");

        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(DataDirectory.OWNER_ONLY);
        assertThat(data.resolve("kept")).hasContent("x");
        assertThat(DataDirectory.prepare(data)).as("nothing to say the second time").isNull();
    }

    @Test
    void aSharedDirectoryIsLeftAsItIsWithAWarning(@TempDir Path dir) throws Exception {
        Path shared = Files.setPosixFilePermissions(Files.createDirectory(dir.resolve("shared")),
                PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(shared.resolve("someone-else"), "x");

        assertThat(DataDirectory.prepare(shared)).contains("holds other files", "a directory of its own");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rwxrwxrwx");
    }
}
