package dev.continuum.console.internal.rest;

import com.google.gson.JsonObject;
import dev.continuum.console.internal.http.ApiError;
import dev.continuum.console.internal.http.Call;
import dev.continuum.console.internal.http.Json;
import dev.continuum.console.internal.http.Router;
import dev.continuum.console.internal.security.AuditLog;
import dev.continuum.console.internal.security.Role;
import dev.continuum.console.internal.snapshot.Snapshot;
import dev.continuum.console.internal.snapshot.SnapshotDiff;
import dev.continuum.console.internal.snapshot.SnapshotRestore;
import dev.continuum.console.internal.snapshot.SnapshotStore;
import java.io.IOException;
import java.util.Map;

/**
 * {@code /snapshots}: configuration snapshots (every Configuration Admin configuration, secrets sealed):
 * list, take, show, diff against another snapshot or the current configuration, restore, delete. Every
 * change made through the API takes an automatic snapshot first ({@link #before}), so it can be undone.
 */
final class SnapshotsResource {

    /** {@code POST /snapshots}: an optional reason. */
    record Take(String reason) {
    }

    private final Backends backends;
    private final SnapshotStore store;
    private final AuditLog audit;

    SnapshotsResource(Backends backends, SnapshotStore store, AuditLog audit) {
        this.backends = backends;
        this.store = store;
        this.audit = audit;
    }

    void register(Router router) {
        router.add("GET", "/snapshots", Role.VIEWER, call -> store.list().stream().map(Snapshot::summary).toList());
        router.add("POST", "/snapshots", Role.ADMIN, this::take);
        router.add("GET", "/snapshots/{id}", Role.VIEWER, call -> show(find(call.param("id"))));
        router.add("GET", "/snapshots/{id}/diff", Role.VIEWER, this::diff);
        router.add("POST", "/snapshots/{id}/restore", Role.ADMIN, this::restore);
        router.add("DELETE", "/snapshots/{id}", Role.ADMIN, call -> {
            if (!store.delete(call.param("id"))) {
                throw notFound(call.param("id"));
            }
            audit.record(call.user(), call.address(), "snapshot.delete", call.param("id"));
            return Map.of("deleted", call.param("id"));
        });
    }

    /** Takes the automatic snapshot before {@code change} (e.g. "PUT /config/x") is applied. */
    Snapshot before(Call call, String change) throws IOException {
        return store.take(backends.configAdmin(), call.user(), "before " + change, true);
    }

    private Object take(Call call) throws IOException {
        Take take = call.request().getContentLengthLong() > 0 ? call.body(Take.class) : new Take(null);
        String reason = take.reason() == null || take.reason().isBlank() ? "taken by " + call.user() : take.reason();
        Snapshot snapshot = store.take(backends.configAdmin(), call.user(), reason, false);
        audit.record(call.user(), call.address(), "snapshot.take", snapshot.id() + " (" + reason + ")");
        return new Router.Reply(201, snapshot.summary());
    }

    private Object diff(Call call) throws IOException {
        Snapshot from = find(call.param("id"));
        String to = call.query("to", "current");
        Map<String, Snapshot.Config> target = to.equals("current") ? SnapshotStore.current(backends.configAdmin())
                : find(to).configurations();
        JsonObject diff = new JsonObject();
        diff.addProperty("from", from.id());
        diff.addProperty("to", to);
        diff.add("changes", Json.GSON.toJsonTree(SnapshotDiff.between(from.configurations(), target)));
        return diff;
    }

    private Object restore(Call call) throws IOException {
        Snapshot snapshot = find(call.param("id"));
        Snapshot before = before(call, "restore of snapshot " + snapshot.id());
        boolean includeTrust = Boolean.parseBoolean(call.query("includeTrust", "false"));
        SnapshotRestore.Result result = SnapshotRestore.apply(backends.configAdmin(), snapshot, before.id(), includeTrust);
        audit.record(call.user(), call.address(), "snapshot.restore", snapshot.id() + ": updated " + result.updated()
                + ", created " + result.created() + ", deleted " + result.deleted()
                + (result.held().isEmpty() ? "" : ", held " + result.held())
                + (includeTrust ? " (update agent trust configuration included on request)" : "")
                + "; undo with " + before.id());
        return result;
    }

    private static JsonObject show(Snapshot snapshot) {
        JsonObject json = Json.GSON.toJsonTree(snapshot.summary()).getAsJsonObject();
        json.add("configurations", snapshot.configurationsJson(SnapshotDiff::shown));
        return json;
    }

    private Snapshot find(String id) throws IOException {
        return store.get(id).orElseThrow(() -> notFound(id));
    }

    private static ApiError notFound(String id) {
        return ApiError.notFound("no snapshot '" + id + "'; GET /api/v1/snapshots lists them");
    }
}
