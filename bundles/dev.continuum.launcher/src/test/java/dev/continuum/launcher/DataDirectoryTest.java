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
        Files.writeString(data.resolve("kept"), "x");

        assertThat(DataDirectory.prepare(data)).contains(data.toString(), "was rwxr-xr-x", "now rwx------");

        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(DataDirectory.OWNER_ONLY);
        assertThat(data.resolve("kept")).hasContent("x");
        assertThat(DataDirectory.prepare(data)).as("nothing to say the second time").isNull();
    }
}
