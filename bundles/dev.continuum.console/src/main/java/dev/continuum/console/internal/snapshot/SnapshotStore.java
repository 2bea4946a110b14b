package dev.continuum.console.internal.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Configuration snapshots as files, {@code DATA/config/snapshots/ID.json}, one JSON object each, with the
 * values of secret properties sealed by {@link SecretBox}. Automatic snapshots (taken before each change)
 * are pruned to the newest {@value #KEEP_AUTOMATIC}; snapshots taken on request stay until deleted.
 */
public final class SnapshotStore {

    static final int KEEP_AUTOMATIC = 30;
    /**
     * Configurations the gateway manages itself and a restore must not rewind: the HTTP service's
     * (written by the console from its generated certificate; changing it restarts the web server).
     */
    static final List<String> EXCLUDED_PIDS = List.of("org.apache.felix.http");
    private static final Pattern ID = Pattern.compile("\\d{8}-\\d{9}(-\\d+)?");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final SecretBox secrets;

    private SnapshotStore(Path dir, SecretBox secrets) {
        this.dir = dir;
        this.secrets = secrets;
    }

    /** The store under {@code data} (the gateway's data directory). */
    public static SnapshotStore open(Path data) throws IOException {
        Path dir = Files.createDirectories(data.resolve("config/snapshots"));
        return new SnapshotStore(dir, SecretBox.open(data.resolve("security/snapshot.key")));
    }

    /** Every configuration now, by PID (without {@link #EXCLUDED_PIDS}). */
    public static Map<String, Snapshot.Config> current(ConfigurationAdmin admin) throws IOException {
        Map<String, Snapshot.Config> all = new TreeMap<>();
        Configuration[] found;
        try {
            found = admin.listConfigurations(null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (Configuration configuration : found == null ? new Configuration[0] : found) {
            if (!EXCLUDED_PIDS.contains(configuration.getPid()) && configuration.getProperties() != null) {
                all.put(configuration.getPid(), new Snapshot.Config(configuration.getPid(),
                        configuration.getFactoryPid(), TypedValues.encode(configuration.getProperties())));
            }
        }
        return all;
    }

    /** Takes a snapshot of every configuration and stores it. */
    public synchronized Snapshot take(ConfigurationAdmin admin, String user, String reason, boolean automatic)
            throws IOException {
        Instant now = Instant.now();
        String id = ID_TIME.format(now);
        for (int n = 2; Files.exists(file(id)); n++) {
            id = ID_TIME.format(now) + "-" + n;
        }
        Snapshot snapshot = new Snapshot(id, now, user, reason, automatic, current(admin));
        Path temp = Files.createTempFile(dir, "snapshot", ".tmp");
        Files.writeString(temp, write(snapshot).toString(), StandardCharsets.UTF_8);
        Files.move(temp, file(id), StandardCopyOption.ATOMIC_MOVE);
        if (automatic) {
            prune();
        }
        return snapshot;
    }

    /** The snapshots, newest first. */
    public synchronized List<Snapshot> list() throws IOException {
        List<Snapshot> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                all.add(read(JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject()));
            }
        }
        all.sort(Comparator.comparing(Snapshot::id).reversed());
        return all;
    }

    public synchronized Optional<Snapshot> get(String id) throws IOException {
        if (!ID.matcher(id).matches() || !Files.exists(file(id))) {
            return Optional.empty();
        }
        return Optional.of(read(JsonParser.parseString(Files.readString(file(id), StandardCharsets.UTF_8))
                .getAsJsonObject()));
    }

    public synchronized boolean delete(String id) throws IOException {
        return ID.matcher(id).matches() && Files.deleteIfExists(file(id));
    }

    private void prune() throws IOException {
        List<Snapshot> automatic = list().stream().filter(Snapshot::automatic).toList();
        for (Snapshot old : automatic.subList(Math.min(KEEP_AUTOMATIC, automatic.size()), automatic.size())) {
            Files.deleteIfExists(file(old.id()));
        }
    }

    private Path file(String id) {
        return dir.resolve(id + ".json");
    }

    private JsonObject write(Snapshot snapshot) {
        JsonObject json = new JsonObject();
        json.addProperty("id", snapshot.id());
        json.addProperty("time", snapshot.time().toString());
        json.addProperty("user", snapshot.user());
        json.addProperty("reason", snapshot.reason());
        json.addProperty("automatic", snapshot.automatic());
        json.add("configurations", snapshot.configurationsJson((key, typed) -> {
            if (!SecretBox.secret(key)) {
                return typed;
            }
            JsonObject sealed = new JsonObject();
            sealed.add("type", typed.get("type"));
            sealed.addProperty("sealed", secrets.seal(typed.get("value").toString()));
            return sealed;
        }));
        return json;
    }

    private Snapshot read(JsonObject json) {
        Map<String, Snapshot.Config> configurations = new TreeMap<>();
        for (JsonElement element : json.getAsJsonArray("configurations")) {
            JsonObject c = element.getAsJsonObject();
            Map<String, JsonObject> properties = new TreeMap<>();
            for (Map.Entry<String, JsonElement> property : c.getAsJsonObject("properties").entrySet()) {
                JsonObject typed = property.getValue().getAsJsonObject();
                if (typed.has("sealed")) {
                    JsonObject open = new JsonObject();
                    open.add("type", typed.get("type"));
                    open.add("value", JsonParser.parseString(secrets.open(typed.get("sealed").getAsString())));
                    typed = open;
                }
                properties.put(property.getKey(), typed);
            }
            String pid = c.get("pid").getAsString();
            JsonElement factoryPid = c.get("factoryPid");
            configurations.put(pid, new Snapshot.Config(pid, factoryPid == null || factoryPid.isJsonNull() ? null
                    : factoryPid.getAsString(), properties));
        }
        return new Snapshot(json.get("id").getAsString(), Instant.parse(json.get("time").getAsString()),
                json.get("user").getAsString(), json.get("reason").getAsString(), json.get("automatic").getAsBoolean(),
                configurations);
    }
}
