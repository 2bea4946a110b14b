package dev.continuum.itests.support;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.continuum.api.asset.Asset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * An asset on real files for the remote-management tests: the example file driver ({@code files}, needs the
 * {@code dev.continuum.example.driver} bundle) over a fresh folder, and the asset {@code cell} with
 * {@code temp} (DOUBLE, read only, file says 21.5) and {@code relay} (INTEGER, READ_WRITE, file says 0).
 */
public final class FileCell {

    private FileCell() {
    }

    /** Configures the driver and the asset, waits until the asset has its channels; returns the folder. */
    public static Path configure(BundleContext context, ConfigurationAdmin admin) throws IOException {
        Path root = Files.createTempDirectory("continuum-file-cell-");
        Files.writeString(root.resolve("temp"), "21.5\n");
        Files.writeString(root.resolve("relay"), "0\n");
        admin.getFactoryConfiguration("dev.continuum.example.driver.file", "files", "?").update(new Hashtable<>(
                Map.of("driver.instance", "files", "root", root.toString(), "pollMillis", 50)));
        admin.getFactoryConfiguration("dev.continuum.asset", "cell", "?").update(new Hashtable<>(Map.of(
                "name", "cell", "driver.instance", "files", "temp#+value.type", "DOUBLE", "temp#path", "temp",
                "relay#+type", "READ_WRITE", "relay#+value.type", "INTEGER", "relay#path", "relay")));
        ServiceTracker<Asset, Asset> assets = new ServiceTracker<>(context, Asset.class, null);
        assets.open();
        try {
            Await.until(Duration.ofSeconds(30), "asset cell", () -> assets.getTracked().values().stream()
                    .filter(asset -> asset.name().equals("cell") && !asset.channels().isEmpty()).findFirst().orElse(null));
        } finally {
            assets.close();
        }
        return root;
    }

    /** The object named {@code name} in a Kura-shaped list ({@code [{"name": ...}]}). */
    public static JsonObject find(JsonArray items, String name) {
        for (JsonElement item : items) {
            if (item.getAsJsonObject().get("name").getAsString().equals(name)) {
                return item.getAsJsonObject();
            }
        }
        throw new AssertionError("no '" + name + "' in " + items);
    }
}
