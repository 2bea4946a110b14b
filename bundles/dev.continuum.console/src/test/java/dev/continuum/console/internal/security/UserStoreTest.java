package dev.continuum.console.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserStoreTest {

    @TempDir
    Path data;

    @Test
    void anAccountCreatedByAnAdminMustChangeItsPasswordAndKeepsItsRoleAcrossRestarts() throws Exception {
        UserStore store = UserStore.open(data);
        store.put("otto", Role.OPERATOR, "initial-password".toCharArray());

        assertThat(store.verify("otto", "initial-password".toCharArray())).get()
                .satisfies(user -> assertThat(user.mustChangePassword()).isTrue());
        store.changePassword("otto", "ottos-own-password".toCharArray());

        UserStore reopened = UserStore.open(data);
        assertThat(reopened.verify("otto", "initial-password".toCharArray())).isEmpty();
        assertThat(reopened.verify("otto", "ottos-own-password".toCharArray())).get()
                .satisfies(user -> {
                    assertThat(user.role()).isEqualTo(Role.OPERATOR);
                    assertThat(user.mustChangePassword()).isFalse();
                });
        assertThat(Files.readString(data.resolve(UserStore.USERS_FILE))).doesNotContain("ottos-own-password");
        assertThat(Files.getPosixFilePermissions(data.resolve(UserStore.USERS_FILE)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void theAdminHasItsOneTimePasswordUntilItIsChanged() throws Exception {
        UserStore store = UserStore.open(data);
        String oneTime = Files.readString(data.resolve(AdminCredentials.INITIAL_PASSWORD_FILE)).trim();
        assertThat(store.verify("admin", oneTime.toCharArray())).get()
                .satisfies(user -> assertThat(user.mustChangePassword()).isTrue());
        store.changePassword("admin", "a new admin password".toCharArray());
        assertThat(store.find("admin")).get().satisfies(user -> assertThat(user.mustChangePassword()).isFalse());
    }

    @Test
    void refusesBadNamesShortPasswordsAndReplacingOrRemovingTheAdmin() throws Exception {
        UserStore store = UserStore.open(data);
        assertThatThrownBy(() -> store.put("Bad Name", Role.VIEWER, "long-enough-password".toCharArray()))
                .hasMessageContaining("a user name is");
        assertThatThrownBy(() -> store.put("vera", Role.VIEWER, "short".toCharArray()))
                .hasMessageContaining("at least 12 characters");
        assertThatThrownBy(() -> store.put("admin", Role.VIEWER, "long-enough-password".toCharArray()))
                .hasMessageContaining("cannot be replaced");
        assertThatThrownBy(() -> store.remove("admin")).hasMessageContaining("cannot be removed");
        assertThatThrownBy(() -> Role.parse("root")).hasMessageContaining("use admin, operator or viewer");
    }
}
