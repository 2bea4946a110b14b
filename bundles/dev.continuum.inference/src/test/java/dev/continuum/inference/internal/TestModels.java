package dev.continuum.inference.internal;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The default model as the build generated it into target/classes, and edited manifests. */
public final class TestModels {

    private static final Path MODELS = Path.of("target/classes/models");
    private static final Path DIR = MODELS.resolve("vibration-anomaly/1.0.0");

    private TestModels() {
    }

    public static byte[] model() {
        return read(DIR.resolve("model.onnx"));
    }

    public static byte[] manifest() {
        return read(DIR.resolve("manifest.json"));
    }

    public static byte[] manifest(Consumer<JsonObject> edit) {
        JsonObject json = JsonParser.parseString(new String(manifest(), StandardCharsets.UTF_8)).getAsJsonObject();
        edit.accept(json);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The model file of the default model {@code name} 1.0.0. */
    public static byte[] model(String name) {
        return read(MODELS.resolve(name).resolve("1.0.0/model.onnx"));
    }

    /** The manifest of the default model {@code name} 1.0.0, edited by {@code edit}. */
    public static byte[] manifest(String name, Consumer<JsonObject> edit) {
        JsonObject json = JsonParser.parseString(new String(read(MODELS.resolve(name).resolve("1.0.0/manifest.json")),
                StandardCharsets.UTF_8)).getAsJsonObject();
        edit.accept(json);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
