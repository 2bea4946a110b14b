package dev.continuum.console.internal.snapshot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Brings Configuration Admin back to a snapshot: configurations that differ are updated, missing ones
 * created, ones the snapshot does not have deleted; identical ones are not touched (their components are
 * not restarted). A factory configuration whose PID was generated (not {@code factoryPid~name}) cannot be
 * created again under the same PID and comes back under a new one.
 */
public final class SnapshotRestore {

    /** What a restore did, by PID; {@code recreated} maps the old PID of a generated factory instance to its new one. */
    public record Result(String restored, String before, List<String> updated, List<String> created,
            Map<String, String> recreated, List<String> deleted, int unchanged) {
    }

    private SnapshotRestore() {
    }

    /** Restores {@code snapshot}; {@code before} is the id of the snapshot taken just before (to undo it). */
    public static Result apply(ConfigurationAdmin admin, Snapshot snapshot, String before) throws IOException {
        Map<String, Snapshot.Config> current = SnapshotStore.current(admin);
        List<String> updated = new ArrayList<>();
        List<String> created = new ArrayList<>();
        Map<String, String> recreated = new java.util.TreeMap<>();
        List<String> deleted = new ArrayList<>();
        int unchanged = 0;
        for (Snapshot.Config target : snapshot.configurations().values()) {
            Snapshot.Config now = current.get(target.pid());
            if (now != null) {
                if (now.properties().equals(target.properties())) {
                    unchanged++;
                } else {
                    configuration(admin, target.pid()).update(TypedValues.decode(target.properties()));
                    updated.add(target.pid());
                }
                continue;
            }
            Configuration configuration;
            if (target.factoryPid() == null) {
                configuration = admin.getConfiguration(target.pid(), "?");
            } else if (target.pid().startsWith(target.factoryPid() + "~")) {
                configuration = admin.getFactoryConfiguration(target.factoryPid(),
                        target.pid().substring(target.factoryPid().length() + 1), "?");
            } else {
                configuration = admin.createFactoryConfiguration(target.factoryPid(), "?");
                recreated.put(target.pid(), configuration.getPid());
            }
            configuration.update(TypedValues.decode(target.properties()));
            created.add(configuration.getPid());
        }
        for (String pid : current.keySet()) {
            if (!snapshot.configurations().containsKey(pid)) {
                configuration(admin, pid).delete();
                deleted.add(pid);
            }
        }
        return new Result(snapshot.id(), before, updated, created, recreated, deleted, unchanged);
    }

    private static Configuration configuration(ConfigurationAdmin admin, String pid) throws IOException {
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=" + pid.replaceAll("[()*\\\\]", "") + ")");
            if (found == null) {
                throw new IOException("the configuration " + pid + " disappeared during the restore");
            }
            return found[0];
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
