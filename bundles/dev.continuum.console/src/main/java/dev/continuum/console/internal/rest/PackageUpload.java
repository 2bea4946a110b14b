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
import java.util.Base64;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A package uploaded through the API, laid out on disk the way the update agent fetches a remote update:
 * the signed manifest and, beside it, the {@code .dp} under the artifact name the manifest pins. Nothing
 * here is trusted: the agent verifies the signature, digest, target and version as for any remote update.
 */
final class PackageUpload implements AutoCloseable {

    static final String MANIFEST_PART = "manifest";
    static final String PACKAGE_PART = "package";
    static final String HOW = "send multipart/form-data with the part 'manifest' (the signed NAME-VERSION.dp.update.json"
            + " that UpdateTool or the dp-packages build writes) and the part 'package' (the .dp it pins); packages"
            + " are installed only through the update agent, so a .dp without its signed manifest is refused";
    private static final int MAX_MANIFEST = 1024 * 1024;
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,200}");

    private final Path dir;
    private final Path manifest;

    private PackageUpload(Path dir, Path manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /** Stores the request's two parts in a new directory under {@code uploads}; 400/413/415 when malformed. */
    static PackageUpload receive(HttpServletRequest request, Path uploads) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase().startsWith("multipart/form-data")) {
            throw new ApiError(415, "unsupported_media_type", HOW);
        }
        Part manifestPart;
        Part packagePart;
        try {
            manifestPart = request.getPart(MANIFEST_PART);
            packagePart = request.getPart(PACKAGE_PART);
        } catch (ServletException | IllegalStateException e) {
            throw new ApiError(413, "too_large", "the upload could not be read (" + e.getMessage() + "); a package may"
                    + " have at most " + PackagesResource.MAX_PACKAGE + " bytes; " + HOW);
        }
        if (manifestPart == null || packagePart == null) {
            throw ApiError.badRequest("the part '" + (manifestPart == null ? MANIFEST_PART : PACKAGE_PART)
                    + "' is missing; " + HOW);
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
        PackageUpload upload = new PackageUpload(dir, dir.resolve("upload.dp.update.json"));
        try {
            Files.write(upload.manifest, signed);
            try (InputStream in = packagePart.getInputStream()) {
                Files.copy(in, dir.resolve(artifactName(signed, packagePart.getSubmittedFileName())));
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
     * The file name the (not yet verified) manifest gives its one artifact, so that the agent finds the
     * upload where it looks; the submitted file name or {@code package.dp} when the manifest does not say,
     * in which case the agent's verification names what is wrong with the manifest.
     */
    static String artifactName(byte[] signed, String submitted) {
        String fallback = submitted != null && PLAIN_NAME.matcher(submitted).matches() ? submitted : "package.dp";
        try {
            JsonObject envelope = JsonParser.parseString(new String(signed, StandardCharsets.UTF_8)).getAsJsonObject();
            JsonElement payload = envelope.get("payload");
            JsonObject content = payload == null ? envelope : JsonParser.parseString(new String(
                    Base64.getDecoder().decode(payload.getAsString()), StandardCharsets.UTF_8)).getAsJsonObject();
            JsonArray artifacts = content.getAsJsonArray("artifacts");
            if (artifacts == null || artifacts.size() != 1) {
                return fallback;
            }
            String name = artifacts.get(0).getAsJsonObject().get("name").getAsString();
            return PLAIN_NAME.matcher(name).matches() && !name.contains("..") ? name : fallback;
        } catch (RuntimeException e) {
            return fallback;
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
