package dev.continuum.update.internal.agent;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.continuum.api.health.HealthStatus;
import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.ModelStatus;
import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateException.Reason;
import dev.continuum.api.update.UpdateManifest;
import dev.continuum.api.update.UpdateProgress.Phase;
import dev.continuum.api.update.UpdateResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Installs a verified model through the inference service (which validates it: digest, loading, shapes,
 * golden vector) and rolls the model back when the gateway's health fails afterwards.
 */
final class ModelInstaller {

    private static final long VALIDATION_TIMEOUT_SECONDS = 120;

    private final HealthGate gate;

    ModelInstaller(HealthGate gate) {
        this.gate = gate;
    }

    /** @param files the artifacts, in manifest order */
    UpdateResult install(InferenceService inference, UpdateManifest manifest, List<Path> files, boolean shadow,
            PackageInstaller.Steps steps) throws UpdateException, InterruptedException {
        if (inference == null) {
            throw new UpdateException(Reason.INCOMPATIBLE_TARGET, "model " + manifest.name() + ": this gateway runs"
                    + " no inference service (feature inference)");
        }
        Path model = only(files, ".onnx", manifest);
        Path modelManifest = only(files, ".json", manifest);
        byte[] modelBytes;
        byte[] manifestBytes;
        try {
            modelBytes = Files.readAllBytes(model);
            manifestBytes = Files.readAllBytes(modelManifest);
        } catch (IOException e) {
            throw new UpdateException(Reason.MALFORMED, "cannot read the staged model: " + e, e);
        }
        requireSameModel(manifestBytes, manifest);
        Optional<String> previous = inference.status(manifest.name()).map(ModelStatus::activeVersion);
        Map<String, HealthStatus> baseline = gate.baseline();
        long start = System.nanoTime();
        steps.step(Phase.INSTALLING, "validating and installing model " + manifest.name() + " " + manifest.version());
        try {
            (shadow ? inference.installShadow(modelBytes, manifestBytes) : inference.install(modelBytes, manifestBytes))
                    .get(VALIDATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new UpdateException(Reason.ROLLED_BACK, "the inference service rejected model " + manifest.name()
                    + " " + manifest.version() + ": " + e.getCause().getMessage() + "; version "
                    + previous.orElse("(none)") + " keeps serving", e.getCause());
        } catch (TimeoutException e) {
            throw new UpdateException(Reason.ROLLED_BACK, "model validation took longer than "
                    + VALIDATION_TIMEOUT_SECONDS + " s", e);
        }
        long installed = System.nanoTime();
        if (shadow) {
            return new UpdateResult(manifest.name(), manifest.version(), previous, (installed - start) / 1_000_000);
        }
        steps.step(Phase.HEALTH_CHECK, "watching the gateway's health");
        String problem = gate.awaitHealth(baseline);
        if (problem != null && previous.isPresent()) {
            steps.step(Phase.ROLLING_BACK, problem);
            try {
                inference.rollback(manifest.name());
            } catch (InferenceException e) {
                throw new UpdateException(Reason.ROLLBACK_FAILED, "rollback of model " + manifest.name() + " failed: "
                        + e.getMessage(), e);
            }
            throw new UpdateException(Reason.ROLLED_BACK, "model " + manifest.name() + " " + manifest.version()
                    + " failed the health gate (" + problem + "); version " + previous.get() + " restored");
        }
        return new UpdateResult(manifest.name(), manifest.version(), previous, (installed - start) / 1_000_000);
    }

    private static Path only(List<Path> files, String suffix, UpdateManifest manifest) throws UpdateException {
        List<Path> matching = files.stream().filter(file -> file.getFileName().toString().endsWith(suffix)).toList();
        if (files.size() != 2 || matching.size() != 1) {
            throw new UpdateException(Reason.MIXED_SET, "model " + manifest.name() + " must pin exactly one .onnx and"
                    + " one .json artifact, got " + files.stream().map(Path::getFileName).toList());
        }
        return matching.get(0);
    }

    private static void requireSameModel(byte[] manifestBytes, UpdateManifest manifest) throws UpdateException {
        JsonObject root;
        try {
            root = JsonParser.parseString(new String(manifestBytes, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new UpdateException(Reason.MALFORMED, "the model manifest is not a JSON object: " + e.getMessage(), e);
        }
        String name = root.has("name") ? root.get("name").getAsString() : "";
        String version = root.has("version") ? root.get("version").getAsString() : "";
        if (!name.equals(manifest.name()) || !version.equals(manifest.version())) {
            throw new UpdateException(Reason.MIXED_SET, "the model manifest is for " + name + " " + version
                    + " but the signed update is for " + manifest.name() + " " + manifest.version());
        }
    }
}
