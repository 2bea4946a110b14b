package dev.continuum.update.tool;

import dev.continuum.api.update.UpdateManifest.Kind;
import dev.continuum.api.update.UpdateManifest.PinnedBundle;
import dev.continuum.update.internal.manifest.Keys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Build-time tool: generates signing keys, assembles deployment packages and signs update manifests.
 *
 * <pre>
 * keygen  PRIVATE_KEY_FILE PUBLIC_KEY_FILE
 * package --key K --name N --version V --out DIR [--profiles a,b] [--gateway RANGE] [--days D]
 *         [--allow-downgrade] BUNDLE.jar...      writes DIR/N-V.dp and DIR/N-V.dp.update.json
 * model   --key K --name N --version V --out DIR [...] MODEL.onnx MODEL.json
 *                                                writes both files and DIR/N-V.update.json
 * </pre>
 */
public final class UpdateTool {

    private UpdateTool() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            usage("no command");
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        switch (args[0]) {
            case "keygen" -> keygen(rest);
            case "package" -> packageUpdate(options(rest), rest);
            case "model" -> modelUpdate(options(rest), rest);
            default -> usage("unknown command '" + args[0] + "'");
        }
    }

    private static void keygen(List<String> files) throws IOException {
        if (files.size() != 2) {
            usage("keygen needs PRIVATE_KEY_FILE PUBLIC_KEY_FILE");
        }
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(Keys.ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Files.writeString(Path.of(files.get(0)), "# Ed25519 private key (PKCS#8, base64). Keep it secret.\n"
                + Keys.encode(pair.getPrivate()) + "\n", StandardCharsets.UTF_8);
        Files.writeString(Path.of(files.get(1)), "# Ed25519 public key (X.509, base64), key id "
                + Keys.keyId(pair.getPublic()) + "\n" + Keys.encode(pair.getPublic()) + "\n", StandardCharsets.UTF_8);
        System.out.println("key id " + Keys.keyId(pair.getPublic()));
    }

    /** Builds {@code DIR/N-V.dp} from the bundle jars and signs its manifest. */
    public static Path packageUpdate(Map<String, String> options, List<String> jars) throws IOException {
        Path out = Path.of(required(options, "out"));
        String name = required(options, "name");
        String version = required(options, "version");
        List<DpWriter.BundleJar> bundles = new ArrayList<>();
        List<PinnedBundle> pins = new ArrayList<>();
        for (String jar : jars) {
            DpWriter.BundleJar bundle = DpWriter.BundleJar.of(Path.of(jar));
            bundles.add(bundle);
            pins.add(new PinnedBundle(bundle.symbolicName(), bundle.version()));
        }
        Path dp = out.resolve(name + "-" + version + ".dp");
        DpWriter.write(dp, name, version, bundles);
        Path manifest = out.resolve(dp.getFileName() + ".update.json");
        Files.write(manifest, signer(options).sign(spec(options, Kind.PACKAGE, pins), List.of(dp)));
        System.out.println("wrote " + dp + " and " + manifest);
        return manifest;
    }

    /** Copies the model and its inference manifest next to a signed update manifest. */
    public static Path modelUpdate(Map<String, String> options, List<String> files) throws IOException {
        if (files.size() != 2) {
            usage("model needs MODEL.onnx MODEL.json");
        }
        Path out = Files.createDirectories(Path.of(required(options, "out")));
        List<Path> copies = new ArrayList<>();
        for (String file : files) {
            Path copy = out.resolve(Path.of(file).getFileName());
            if (!copy.toAbsolutePath().equals(Path.of(file).toAbsolutePath())) {
                Files.copy(Path.of(file), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            copies.add(copy);
        }
        Path manifest = out.resolve(required(options, "name") + "-" + required(options, "version") + ".update.json");
        Files.write(manifest, signer(options).sign(spec(options, Kind.MODEL, List.of()), copies));
        System.out.println("wrote " + manifest);
        return manifest;
    }

    private static Signer signer(Map<String, String> options) throws IOException {
        return Signer.fromKeyFile(Path.of(required(options, "key")));
    }

    private static Signer.Spec spec(Map<String, String> options, Kind kind, List<PinnedBundle> pins) {
        String profiles = options.getOrDefault("profiles", "");
        long days = Long.parseLong(options.getOrDefault("days", "365"));
        return new Signer.Spec(required(options, "name"), required(options, "version"), kind, pins,
                profiles.isBlank() ? List.of() : List.of(profiles.split(",")), options.getOrDefault("gateway", "0"),
                Instant.now().plus(Duration.ofDays(days)), options.containsKey("allow-downgrade"));
    }

    /** Removes {@code --key value} pairs (and the flag {@code --allow-downgrade}) from {@code args}. */
    static Map<String, String> options(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); ) {
            String arg = args.get(i);
            if (arg.equals("--allow-downgrade")) {
                options.put("allow-downgrade", "true");
                args.remove(i);
            } else if (arg.startsWith("--") && i + 1 < args.size()) {
                options.put(arg.substring(2), args.get(i + 1));
                args.remove(i);
                args.remove(i);
            } else {
                i++;
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            usage("--" + name + " is required");
        }
        return value;
    }

    private static void usage(String problem) {
        throw new IllegalArgumentException(problem + "; usage: keygen PRIV PUB | package --key K --name N --version V"
                + " --out DIR [--profiles a,b] [--gateway RANGE] [--days D] [--allow-downgrade] BUNDLE.jar... | model"
                + " --key K --name N --version V --out DIR MODEL.onnx MODEL.json");
    }
}
