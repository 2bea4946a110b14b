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
 *
 * <p>The update agent's configuration ({@value #TRUST_PID}) holds its trust anchors: restoring an older
 * snapshot could bring back a key that was removed (revoked) since, or remove one added since. It is held
 * back (listed in {@code held}) unless the caller confirms it.
 */
public final class SnapshotRestore {

    /** What a restore did, by PID; {@code recreated} maps the old PID of a generated factory instance to its new one. */
    public record Result(String restored, String before, List<String> updated, List<String> created,
            Map<String, String> recreated, List<String> deleted, int unchanged, List<String> held) {
    }

    /** The update agent's configuration: its trust anchors decide which updates the gateway installs. */
    public static final String TRUST_PID = "dev.continuum.update.agent";

    private SnapshotRestore() {
    }

    /**
     * Restores {@code snapshot}; {@code before} is the id of the snapshot taken just before (to undo it);
     * {@code includeTrust}: also restore {@value #TRUST_PID} when it differs, else it is held.
     */
    public static Result apply(ConfigurationAdmin admin, Snapshot snapshot, String before, boolean includeTrust)
            throws IOException {
        Map<String, Snapshot.Config> current = new java.util.HashMap<>(SnapshotStore.current(admin));
        Map<String, Snapshot.Config> targets = new java.util.LinkedHashMap<>(snapshot.configurations());
        List<String> held = new ArrayList<>();
        Snapshot.Config trustNow = current.get(TRUST_PID);
        Snapshot.Config trustThen = targets.get(TRUST_PID);
        boolean trustDiffers = trustNow == null ? trustThen != null
                : trustThen == null || !trustNow.properties().equals(trustThen.properties());
        if (!includeTrust && trustDiffers) {
            held.add(TRUST_PID);
            current.remove(TRUST_PID);
            targets.remove(TRUST_PID);
        }
        List<String> updated = new ArrayList<>();
        List<String> created = new ArrayList<>();
        Map<String, String> recreated = new java.util.TreeMap<>();
        List<String> deleted = new ArrayList<>();
        int unchanged = 0;
        for (Snapshot.Config target : targets.values()) {
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
            if (!targets.containsKey(pid)) {
                configuration(admin, pid).delete();
                deleted.add(pid);
            }
        }
        return new Result(snapshot.id(), before, updated, created, recreated, deleted, unchanged, held);
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
