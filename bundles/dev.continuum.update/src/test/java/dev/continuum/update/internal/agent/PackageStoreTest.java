package dev.continuum.update.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageStoreTest {

    @TempDir
    Path dir;

    @Test
    void keepsTheCommittedAndThePreviousVersionOnly() throws Exception {
        PackageStore store = new PackageStore(dir);
        Path dp = Files.write(dir.resolve("staged.dp"), new byte[] {1});

        store.keep("p", "1.0.0", null, dp);
        store.keep("p", "1.1.0", "1.0.0", dp);
        store.keep("p", "1.2.0", "1.1.0", dp);

        assertThat(store.retained("p", "1.2.0")).isPresent();
        assertThat(store.retained("p", "1.1.0")).isPresent();
        assertThat(store.retained("p", "1.0.0")).isEmpty();
    }

    @Test
    void aJournaledUpdateThatNeverEndedIsFoundAfterARestartAndAnEndedOneIsNot() throws Exception {
        new PackageStore(dir).begin("p", "1.1.0", "1.0.0");

        PackageStore restarted = new PackageStore(dir);

        assertThat(restarted.pending()).hasValueSatisfying(p -> assertThat(p).containsExactly("p", "1.1.0", "1.0.0"));
        restarted.end();
        assertThat(new PackageStore(dir).pending()).isEmpty();
    }

    @Test
    void aFirstInstallIsJournaledWithoutAPreviousVersion() throws Exception {
        PackageStore store = new PackageStore(dir);

        store.begin("p", "1.0.0", null);

        assertThat(store.pending()).hasValueSatisfying(p -> assertThat(p[2]).isEmpty());
    }
}
