package dev.continuum.itests.inference;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The default model as the inference bundle ships it, and edited copies of it for installs. */
final class Models {

    static final String DEFAULT = "vibration-anomaly";

    final byte[] model;
    final byte[] manifest;

    private Models(byte[] model, byte[] manifest) {
        this.model = model;
        this.manifest = manifest;
    }

    static Models shipped(BundleContext context) {
        return shipped(context, DEFAULT);
    }

    /** The default model {@code name} 1.0.0 as the inference bundle ships it. */
    static Models shipped(BundleContext context, String name) {
        String dir = "models/" + name + "/1.0.0/";
        Bundle bundle = Arrays.stream(context.getBundles())
                .filter(b -> "dev.continuum.inference".equals(b.getSymbolicName())).findFirst().orElseThrow();
        return new Models(read(bundle.getEntry(dir + "model.onnx")), read(bundle.getEntry(dir + "manifest.json")));
    }

    /** The shipped manifest renamed to {@code name} and {@code version}, then edited by {@code edit}. */
    byte[] manifest(String name, String version, Consumer<JsonObject> edit) {
        JsonObject json = JsonParser.parseString(new String(manifest, StandardCharsets.UTF_8)).getAsJsonObject();
        json.addProperty("name", name);
        json.addProperty("version", version);
        edit.accept(json);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    byte[] manifest(String name, String version) {
        return manifest(name, version, json -> { });
    }

    /** Waits until the store's models named have loaded (they load in the background after start). */
    static void awaitLoaded(dev.continuum.api.inference.InferenceService inference, String... names) {
        dev.continuum.itests.support.Await.until(java.time.Duration.ofSeconds(60), "models loaded: "
                + String.join(", ", names), () -> java.util.Arrays.stream(names)
                        .allMatch(name -> inference.status(name).isPresent()));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(URL url) {
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
