package dev.continuum.console.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCredentialsTest {

    @TempDir
    Path data;

    @Test
    void firstStartCreatesARandomOneTimePasswordReadableOnlyByTheOwner() throws Exception {
        AdminCredentials credentials = AdminCredentials.open(data);
        Path initial = data.resolve(AdminCredentials.INITIAL_PASSWORD_FILE);
        String password = Files.readString(initial).trim();

        assertThat(password).hasSize(20).isNotEqualTo("admin");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(initial))).isEqualTo("rw-------");
        assertThat(credentials.verify("admin", password.toCharArray())).isTrue();
        assertThat(credentials.verify("admin", "admin".toCharArray())).isFalse();
        assertThat(credentials.verify("root", password.toCharArray())).isFalse();
        assertThat(Files.readString(data.resolve(AdminCredentials.HASH_FILE))).doesNotContain(password);
    }

    @Test
    void aSecondStartKeepsTheSamePasswordAndTwoGatewaysGetDifferentOnes(@TempDir Path other) throws Exception {
        AdminCredentials.open(data);
        String first = Files.readString(data.resolve(AdminCredentials.INITIAL_PASSWORD_FILE)).trim();
        AdminCredentials reopened = AdminCredentials.open(data);
        AdminCredentials.open(other);

        assertThat(reopened.verify("admin", first.toCharArray())).isTrue();
        assertThat(Files.readString(other.resolve(AdminCredentials.INITIAL_PASSWORD_FILE)).trim()).isNotEqualTo(first);
    }

    @Test
    void settingAPasswordRetiresTheOneTimePasswordAndRejectsShortOnes() throws Exception {
        AdminCredentials credentials = AdminCredentials.open(data);
        String first = Files.readString(data.resolve(AdminCredentials.INITIAL_PASSWORD_FILE)).trim();

        assertThatThrownBy(() -> credentials.setPassword("short".toCharArray()))
                .hasMessage("a password needs at least 12 characters");
        credentials.setPassword("correct horse battery".toCharArray());

        assertThat(credentials.verify("admin", first.toCharArray())).isFalse();
        assertThat(AdminCredentials.open(data).verify("admin", "correct horse battery".toCharArray())).isTrue();
        assertThat(data.resolve(AdminCredentials.INITIAL_PASSWORD_FILE)).doesNotExist();
    }
}
