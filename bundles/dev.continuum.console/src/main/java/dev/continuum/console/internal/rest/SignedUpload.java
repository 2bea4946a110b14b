package dev.continuum.console.internal.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.continuum.console.internal.http.ApiError;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An update (package or model) uploaded through the API, laid out on disk the way the update agent fetches a
 * remote update: the signed manifest and, beside it, each artifact under the name the manifest pins. Nothing
 * here is trusted: the agent verifies the signature, digests, target and version as for any remote update.
 */
final class SignedUpload implements AutoCloseable {

    /** The multipart part that carries the signed update manifest. */
    static final String MANIFEST_PART = "manifest";
    private static final int MAX_MANIFEST = 1024 * 1024;
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,200}");

    /**
     * An artifact part: the multipart part's name, the file-name suffix that identifies the artifact among
     * those the manifest pins, and the name used when the (unverified) manifest does not name one.
     */
    record Artifact(String part, String suffix, String fallback) {
    }

    private final Path dir;
    private final Path manifest;

    private SignedUpload(Path dir, Path manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /**
     * Stores the signed manifest and the artifact parts in a new directory under {@code uploads};
     * 400/413/415 naming what is missing, with {@code how} telling what to send.
     */
    static SignedUpload receive(HttpServletRequest request, Path uploads, long maxBytes, String how,
            List<Artifact> artifacts) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase().startsWith("multipart/form-data")) {
            throw new ApiError(415, "unsupported_media_type", how);
        }
        Part manifestPart;
        List<Part> parts = new ArrayList<>();
        try {
            manifestPart = request.getPart(MANIFEST_PART);
            for (Artifact artifact : artifacts) {
                parts.add(request.getPart(artifact.part()));
            }
        } catch (ServletException | IllegalStateException e) {
            throw new ApiError(413, "too_large", "the upload could not be read (" + e.getMessage() + "); an upload"
                    + " may have at most " + maxBytes + " bytes; " + how);
        }
        if (manifestPart == null) {
            throw ApiError.badRequest("the part '" + MANIFEST_PART + "' is missing; " + how);
        }
        for (int i = 0; i < artifacts.size(); i++) {
            if (parts.get(i) == null) {
                throw ApiError.badRequest("the part '" + artifacts.get(i).part() + "' is missing; " + how);
            }
        }
        if (manifestPart.getSize() > MAX_MANIFEST) {
            throw new ApiError(413, "too_large", "the manifest part has " + manifestPart.getSize()
                    + " bytes; a signed update manifest has at most " + MAX_MANIFEST);
        }
        byte[] signed;
        try (InputStream in = manifestPart.getInputStream()) {
            signed = in.readAllBytes();
        }
        Files.createDirectories(uploads);
        Path dir = Files.createTempDirectory(uploads, "upload-");
        SignedUpload upload = new SignedUpload(dir, dir.resolve("upload.update.json"));
        try {
            Files.write(upload.manifest, signed);
            for (int i = 0; i < artifacts.size(); i++) {
                Artifact artifact = artifacts.get(i);
                try (InputStream in = parts.get(i).getInputStream()) {
                    Files.copy(in, dir.resolve(artifactName(signed, artifact.suffix(),
                            parts.get(i).getSubmittedFileName(), artifact.fallback())));
                }
            }
            return upload;
        } catch (IOException | RuntimeException e) {
            upload.close();
            throw e;
        }
    }

    /** Where the agent reads the manifest; its artifacts are resolved beside it. */
    URI manifest() {
        return manifest.toUri();
    }

    /**
     * The file name the (not yet verified) manifest gives the one artifact ending in {@code suffix}, so that
     * the agent finds the upload where it looks; else the submitted file name (if plain and with that suffix)
     * or {@code fallback}, in which case the agent's verification names what is wrong with the manifest.
     */
    static String artifactName(byte[] signed, String suffix, String submitted, String fallback) {
        String otherwise = submitted != null && PLAIN_NAME.matcher(submitted).matches() && submitted.endsWith(suffix)
                ? submitted : fallback;
        try {
            JsonObject envelope = JsonParser.parseString(new String(signed, StandardCharsets.UTF_8)).getAsJsonObject();
            JsonElement payload = envelope.get("payload");
            JsonObject content = payload == null ? envelope : JsonParser.parseString(new String(
                    Base64.getDecoder().decode(payload.getAsString()), StandardCharsets.UTF_8)).getAsJsonObject();
            JsonArray pinned = content.getAsJsonArray("artifacts");
            List<String> matching = new ArrayList<>();
            for (JsonElement artifact : pinned == null ? new JsonArray() : pinned) {
                String name = artifact.getAsJsonObject().get("name").getAsString();
                if (name.endsWith(suffix)) {
                    matching.add(name);
                }
            }
            if (matching.size() != 1) {
                return otherwise;
            }
            String name = matching.get(0);
            return PLAIN_NAME.matcher(name).matches() && !name.contains("..") ? name : otherwise;
        } catch (RuntimeException e) {
            return otherwise;
        }
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the upload " + dir, e);
        }
    }
}
