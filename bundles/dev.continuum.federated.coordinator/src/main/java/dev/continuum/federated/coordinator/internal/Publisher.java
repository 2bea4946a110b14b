package dev.continuum.federated.coordinator.internal;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import dev.continuum.federated.GlobalModel;
import dev.continuum.inference.modelgen.Autoencoder;
import dev.continuum.inference.modelgen.ModelGen;
import dev.continuum.inference.modelgen.OnnxExport;
import dev.continuum.update.tool.UpdateTool;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Packages a global model for the remote-update path: the ONNX graph and its inference manifest (the
 * default family's exporter), and the update manifest over both, signed with the coordinator's update
 * key (the update tool's signer), under {@code DIR/NAME/VERSION/}; gateways fetch it from
 * {@code baseUri} + the same path and verify it against their trust anchors.
 */
public final class Publisher {

    private final Path dir;
    private final Path signingKey;
    private final URI baseUri;

    public Publisher(Path dir, Path signingKey, URI baseUri) {
        this.dir = dir;
        this.signingKey = signingKey;
        // A base without its trailing slash would lose its last segment when resolved against.
        this.baseUri = baseUri.toString().endsWith("/") ? baseUri : URI.create(baseUri + "/");
    }

    /**
     * Writes the signed model update.
     *
     * @param threshold the score threshold for the manifest (the coordinator has no data of its own: it
     *     comes from the gateways' reported holdout quantiles)
     * @return the signed manifest's URI for the gateways
     */
    public URI publish(GlobalModel model, double threshold) throws IOException {
        Autoencoder autoencoder = model.autoencoder();
        byte[] onnx = OnnxExport.export(autoencoder, model.name());
        String base = model.name() + "-" + model.version();
        Path staging = Files.createDirectories(dir.resolve(".staging").resolve(base));
        Path onnxFile = Files.write(staging.resolve(base + ".onnx"), onnx);
        String manifest = new GsonBuilder().setPrettyPrinting().create().toJson(ModelGen.manifest(model.name(),
                model.version(), model.length(), ModelGen.CHANNELS, autoencoder, onnx, threshold, golden(model),
                new JsonArray()));
        Path manifestFile = Files.writeString(staging.resolve(base + ".json"), manifest + "\n", StandardCharsets.UTF_8);
        Path out = dir.resolve(model.name()).resolve(model.version());
        Map<String, String> options = new HashMap<>();
        options.put("out", out.toString());
        options.put("name", model.name());
        options.put("version", model.version());
        options.put("key", signingKey.toString());
        Path signed = UpdateTool.modelUpdate(options, List.of(onnxFile.toString(), manifestFile.toString()));
        return baseUri.resolve(model.name() + "/" + model.version() + "/" + signed.getFileName());
    }

    /** Synthetic windows for the golden vector: the model's mean with a vibration-like wave of one std. */
    private static double[][] golden(GlobalModel model) {
        double[][] windows = new double[3][model.width()];
        for (int w = 0; w < windows.length; w++) {
            for (int i = 0; i < model.width(); i++) {
                int c = i % model.channels();
                windows[w][i] = model.mean()[c] + model.std()[c] * Math.sin(0.7 * (i / model.channels()) + w);
            }
        }
        return windows;
    }
}
