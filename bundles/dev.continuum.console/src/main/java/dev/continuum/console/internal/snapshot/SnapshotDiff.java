package dev.continuum.console.internal.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** What differs between two sets of configurations; secret values are compared but never shown. */
public final class SnapshotDiff {

    static final String MASK = "********";

    /** A configuration that was added (only in {@code to}), removed (only in {@code from}) or changed. */
    public record Change(String pid, String factoryPid, String change, List<PropertyChange> properties) {
    }

    /** A property whose value differs; null before (added) or after (removed). */
    public record PropertyChange(String key, JsonElement before, JsonElement after) {
    }

    private SnapshotDiff() {
    }

    /** The changes that lead from {@code from} to {@code to}, by PID. */
    public static List<Change> between(Map<String, Snapshot.Config> from, Map<String, Snapshot.Config> to) {
        List<Change> changes = new ArrayList<>();
        TreeSet<String> pids = new TreeSet<>(from.keySet());
        pids.addAll(to.keySet());
        for (String pid : pids) {
            Snapshot.Config before = from.get(pid);
            Snapshot.Config after = to.get(pid);
            List<PropertyChange> properties = properties(before == null ? Map.of() : before.properties(),
                    after == null ? Map.of() : after.properties());
            String factoryPid = (after != null ? after : before).factoryPid();
            if (before == null) {
                changes.add(new Change(pid, factoryPid, "added", properties));
            } else if (after == null) {
                changes.add(new Change(pid, factoryPid, "removed", properties));
            } else if (!properties.isEmpty()) {
                changes.add(new Change(pid, factoryPid, "changed", properties));
            }
        }
        return changes;
    }

    private static List<PropertyChange> properties(Map<String, JsonObject> before, Map<String, JsonObject> after) {
        List<PropertyChange> changes = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            JsonObject a = before.get(key);
            JsonObject b = after.get(key);
            if (!Objects.equals(a, b)) {
                changes.add(new PropertyChange(key, shown(key, a), shown(key, b)));
            }
        }
        return changes;
    }

    /** A value as the API shows it: the plain value, or the mask for a secret. */
    public static JsonElement shown(String key, JsonObject typed) {
        if (typed == null) {
            return JsonNull.INSTANCE;
        }
        return SecretBox.secret(key) ? new JsonPrimitive(MASK) : typed.get("value");
    }
}
