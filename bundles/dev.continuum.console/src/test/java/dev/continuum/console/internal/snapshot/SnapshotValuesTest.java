package dev.continuum.console.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotValuesTest {

    @TempDir
    Path dir;

    @Test
    void everyConfigurationAdminTypeComesBackWithItsJavaType() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("service.pid", "x");
        properties.put("s", "text");
        properties.put("i", 5);
        properties.put("l", 7L);
        properties.put("d", 1.5d);
        properties.put("f", 2.5f);
        properties.put("b", true);
        properties.put("c", 'q');
        properties.put("strings", new String[] {"a", "b"});
        properties.put("ints", new int[] {1, 2});
        properties.put("longs", new Long[] {3L});
        properties.put("list", List.of(1L, 2L));

        Map<String, JsonObject> typed = TypedValues.encode(properties);
        Hashtable<String, Object> back = TypedValues.decode(typed);

        assertThat(typed).doesNotContainKey("service.pid");
        assertThat(typed.get("ints").get("type").getAsString()).isEqualTo("int[]");
        assertThat(back.get("s")).isEqualTo("text");
        assertThat(back.get("i")).isEqualTo(5);
        assertThat(back.get("l")).isEqualTo(7L);
        assertThat(back.get("d")).isEqualTo(1.5d);
        assertThat(back.get("f")).isEqualTo(2.5f);
        assertThat(back.get("b")).isEqualTo(true);
        assertThat(back.get("c")).isEqualTo('q');
        assertThat((String[]) back.get("strings")).containsExactly("a", "b");
        assertThat((int[]) back.get("ints")).containsExactly(1, 2);
        assertThat((Long[]) back.get("longs")).containsExactly(3L);
        assertThat(back.get("list")).isEqualTo(List.of(1L, 2L));
        assertThat(TypedValues.encode(back)).isEqualTo(typed);
    }

    @Test
    void secretsAreSealedWithTheGatewaysOwnerOnlyKeyAndRefusedUnderAnotherKey() throws IOException {
        SecretBox box = SecretBox.open(dir.resolve("security/snapshot.key"));
        String sealed = box.seal("\"hunter2\"");

        assertThat(sealed).doesNotContain("hunter2");
        assertThat(SecretBox.open(dir.resolve("security/snapshot.key")).open(sealed)).isEqualTo("\"hunter2\"");
        assertThat(Files.getPosixFilePermissions(dir.resolve("security/snapshot.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        SecretBox other = SecretBox.open(dir.resolve("other/snapshot.key"));
        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("snapshot.key");
        assertThat(SecretBox.secret("mqtt.password")).isTrue();
        assertThat(SecretBox.secret("org.apache.felix.https.keystore.key.password")).isTrue();
        assertThat(SecretBox.secret("broker.url")).isFalse();
    }

    @Test
    void aDiffNamesAddedRemovedAndChangedPropertiesAndMasksSecrets() {
        Snapshot.Config a = new Snapshot.Config("p", null, Map.of("x", typed(1), "password", typed(1)));
        Snapshot.Config b = new Snapshot.Config("p", null, Map.of("x", typed(2), "password", typed(2), "y", typed(3)));
        Snapshot.Config gone = new Snapshot.Config("gone", "f", Map.of("z", typed(1)));

        List<SnapshotDiff.Change> diff = SnapshotDiff.between(Map.of("p", a, "gone", gone), Map.of("p", b));

        assertThat(diff).extracting(SnapshotDiff.Change::pid, SnapshotDiff.Change::change)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gone", "removed"),
                        org.assertj.core.groups.Tuple.tuple("p", "changed"));
        assertThat(diff.get(1).properties()).extracting(SnapshotDiff.PropertyChange::key)
                .containsExactly("password", "x", "y");
        assertThat(diff.get(1).properties().get(0).before()).isEqualTo(new JsonPrimitive(SnapshotDiff.MASK));
        assertThat(diff.get(1).properties().get(1).after()).isEqualTo(new JsonPrimitive(2));
        assertThat(SnapshotDiff.between(Map.of("p", a), Map.of("p", a))).isEmpty();
    }

    private static JsonObject typed(int value) {
        return TypedValues.encode(value);
    }
}
