package dev.continuum.update.internal.manifest;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateException.Reason;
import dev.continuum.api.update.UpdateManifest;
import dev.continuum.api.update.UpdateManifest.Artifact;
import dev.continuum.api.update.UpdateManifest.Kind;
import dev.continuum.api.update.UpdateManifest.PinnedBundle;
import dev.continuum.api.update.UpdateManifest.Target;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads and writes the manifest JSON (the envelope's payload). */
public final class ManifestJson {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private ManifestJson() {
    }

    /** Parses a payload; MALFORMED naming the first missing or bad field. */
    public static UpdateManifest parse(byte[] payload, String keyId) throws UpdateException {
        try {
            JsonObject root = JsonParser.parseString(new String(payload, StandardCharsets.UTF_8)).getAsJsonObject();
            String name = text(root, "name");
            String version = text(root, "version");
            org.osgi.framework.Version.parseVersion(version);
            String kindText = text(root, "kind");
            Kind kind;
            try {
                kind = Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw malformed("kind '" + kindText + "' is not one of package, model");
            }
            List<Artifact> artifacts = new ArrayList<>();
            for (JsonElement element : array(root, "artifacts")) {
                JsonObject artifact = element.getAsJsonObject();
                String file = text(artifact, "name");
                String sha = text(artifact, "sha256");
                long size = artifact.has("size") ? artifact.get("size").getAsLong() : -1;
                if (!FILE_NAME.matcher(file).matches() || file.startsWith(".")) {
                    throw malformed("artifact name '" + file + "' must be a plain file name ([A-Za-z0-9._-], no path)");
                }
                if (!SHA256.matcher(sha).matches()) {
                    throw malformed("artifact " + file + ": sha256 must be 64 lower-case hex digits");
                }
                if (size < 0) {
                    throw malformed("artifact " + file + ": size must be given, >= 0");
                }
                artifacts.add(new Artifact(file, sha, size));
            }
            if (artifacts.isEmpty()) {
                throw malformed("artifacts is empty; an update pins at least one artifact");
            }
            List<PinnedBundle> bundles = new ArrayList<>();
            if (root.has("bundles")) {
                for (JsonElement element : root.getAsJsonArray("bundles")) {
                    JsonObject bundle = element.getAsJsonObject();
                    bundles.add(new PinnedBundle(text(bundle, "symbolicName"), text(bundle, "version")));
                }
            }
            JsonObject target = root.has("target") ? root.getAsJsonObject("target") : new JsonObject();
            List<String> profiles = new ArrayList<>();
            if (target.has("profiles")) {
                target.getAsJsonArray("profiles").forEach(profile -> profiles.add(profile.getAsString()));
            }
            String range = target.has("gatewayVersions") ? target.get("gatewayVersions").getAsString() : "0";
            new org.osgi.framework.VersionRange(range);
            Instant expires = Instant.parse(text(root, "expires"));
            boolean allowDowngrade = root.has("allowDowngrade") && root.get("allowDowngrade").getAsBoolean();
            return new UpdateManifest(name, version, kind, artifacts, bundles, new Target(profiles, range), expires,
                    allowDowngrade, keyId);
        } catch (UpdateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UpdateException(Reason.MALFORMED, "manifest unreadable: " + e.getMessage()
                    + "; see docs/updates.md for the fields", e);
        }
    }

    public static byte[] write(UpdateManifest manifest) {
        JsonObject root = new JsonObject();
        root.addProperty("name", manifest.name());
        root.addProperty("version", manifest.version());
        root.addProperty("kind", manifest.kind().name().toLowerCase(Locale.ROOT));
        JsonArray artifacts = new JsonArray();
        for (Artifact artifact : manifest.artifacts()) {
            JsonObject object = new JsonObject();
            object.addProperty("name", artifact.name());
            object.addProperty("sha256", artifact.sha256());
            object.addProperty("size", artifact.size());
            artifacts.add(object);
        }
        root.add("artifacts", artifacts);
        JsonArray bundles = new JsonArray();
        for (PinnedBundle bundle : manifest.bundles()) {
            JsonObject object = new JsonObject();
            object.addProperty("symbolicName", bundle.symbolicName());
            object.addProperty("version", bundle.version());
            bundles.add(object);
        }
        root.add("bundles", bundles);
        JsonObject target = new JsonObject();
        JsonArray profiles = new JsonArray();
        manifest.target().profiles().forEach(profiles::add);
        target.add("profiles", profiles);
        target.addProperty("gatewayVersions", manifest.target().gatewayVersions());
        root.add("target", target);
        root.addProperty("expires", manifest.expires().toString());
        if (manifest.allowDowngrade()) {
            root.addProperty("allowDowngrade", true);
        }
        return new GsonBuilder().setPrettyPrinting().create().toJson(root).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(JsonObject object, String field) throws UpdateException {
        JsonElement value = object.get(field);
        if (value == null || value.isJsonNull() || value.getAsString().isBlank()) {
            throw malformed("field '" + field + "' is missing");
        }
        return value.getAsString();
    }

    private static JsonArray array(JsonObject object, String field) throws UpdateException {
        JsonElement value = object.get(field);
        if (value == null || !value.isJsonArray()) {
            throw malformed("field '" + field + "' is missing or not an array");
        }
        return value.getAsJsonArray();
    }

    private static UpdateException malformed(String message) {
        return new UpdateException(Reason.MALFORMED, "manifest: " + message);
    }
}
