package dev.continuum.inference.internal.store;

import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.ModelManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The model store: {@code ROOT/NAME/VERSION/{model.onnx,manifest.json}} plus the pointer files
 * {@code ROOT/NAME/active} and {@code ROOT/NAME/previous} holding a version. Versions are written to
 * {@code ROOT/.incoming} and moved into place atomically; a stored version is never modified.
 */
public final class ModelStore {

    public static final String MODEL_FILE = "model.onnx";
    public static final String MANIFEST_FILE = "manifest.json";
    public static final String ACTIVE = "active";
    public static final String PREVIOUS = "previous";

    private final Path root;

    public ModelStore(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root.resolve(".incoming"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the model store at " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** Parses the manifest and checks the model's SHA-256 against it, without storing anything. */
    public static StoredModel check(byte[] model, byte[] manifestJson) throws InferenceException {
        ModelManifest manifest = ManifestReader.parse(manifestJson);
        verifySha(manifest, model);
        return new StoredModel(manifest, model);
    }

    /**
     * Checks the manifest and the model's SHA-256 and stores the version; storing identical content
     * again is a no-op.
     */
    public StoredModel put(byte[] model, byte[] manifestJson) throws InferenceException {
        return put(check(model, manifestJson), manifestJson);
    }

    /**
     * Stores a version that {@link #check} already accepted ({@code manifestJson} is the manifest it was parsed
     * from), without parsing and hashing it again (about half the CPU of a store on the install path).
     */
    public StoredModel put(StoredModel checked, byte[] manifestJson) throws InferenceException {
        ModelManifest manifest = checked.manifest();
        byte[] model = checked.model();
        Path target = root.resolve(manifest.name()).resolve(manifest.version());
        try {
            if (Files.isDirectory(target)) {
                byte[] existing = Files.readAllBytes(target.resolve(MODEL_FILE));
                if (!sha256(existing).equals(manifest.sha256())) {
                    throw new InferenceException("store: " + manifest.id() + " already exists with different"
                            + " content; give the new model a new version");
                }
                return new StoredModel(manifest, model);
            }
            Path incoming = root.resolve(".incoming").resolve(UUID.randomUUID().toString());
            Files.createDirectories(incoming);
            Files.write(incoming.resolve(MODEL_FILE), model);
            Files.write(incoming.resolve(MANIFEST_FILE), manifestJson);
            Files.createDirectories(target.getParent());
            Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
            return new StoredModel(manifest, model);
        } catch (IOException e) {
            throw new InferenceException("store: cannot write " + manifest.id() + " to " + target + ": " + e, e);
        }
    }

    /** Reads a stored version, verifying that the manifest exists, names this version and matches the file. */
    public StoredModel read(String name, String version) throws InferenceException {
        Path dir = root.resolve(name).resolve(version);
        try {
            byte[] manifestJson = readFile(dir.resolve(MANIFEST_FILE), "missing manifest");
            byte[] model = readFile(dir.resolve(MODEL_FILE), "missing model file");
            ModelManifest manifest = ManifestReader.parse(manifestJson);
            if (!manifest.name().equals(name) || !manifest.version().equals(version)) {
                throw new InferenceException("store: " + dir + " holds a manifest for " + manifest.id());
            }
            verifySha(manifest, model);
            return new StoredModel(manifest, model);
        } catch (IOException e) {
            throw new InferenceException("store: cannot read " + dir + ": " + e, e);
        }
    }

    public Optional<String> pointer(String name, String pointer) {
        Path file = root.resolve(name).resolve(pointer);
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()).filter(v -> !v.isEmpty());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a pointer file atomically; an empty version removes it. */
    public void setPointer(String name, String pointer, Optional<String> version) {
        Path file = root.resolve(name).resolve(pointer);
        try {
            if (version.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Path temp = root.resolve(".incoming").resolve(UUID.randomUUID() + ".pointer");
            Files.writeString(temp, version.get() + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set " + pointer + " of " + name, e);
        }
    }

    /** The names of models that have an active version. */
    public List<String> activeNames() {
        List<String> names = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(dir -> Files.isRegularFile(dir.resolve(ACTIVE)))
                    .map(dir -> dir.getFileName().toString()).sorted().forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    public boolean contains(String name, String version) {
        return Files.isDirectory(root.resolve(name).resolve(version));
    }

    static void verifySha(ModelManifest manifest, byte[] model) throws InferenceException {
        String actual = sha256(model);
        if (!actual.equals(manifest.sha256())) {
            throw new InferenceException("sha256 mismatch for " + manifest.id() + ": the manifest says "
                    + manifest.sha256() + ", the model file (" + model.length + " bytes) hashes to " + actual);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readFile(Path file, String problem) throws IOException, InferenceException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InferenceException("store: " + problem + ": " + file);
        }
    }
}
