package dev.continuum.itests.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Eclipse Milo OPC UA server in its own JVM: the simulation server of bundle
 * {@code dev.continuum.sim} started with {@code SimMain} on a class path made of the jars the {@code sim}
 * feature names (from the local Maven repository). {@link #kill()} ends the process the hard way and
 * {@link #start()} brings it back on the same port with the same certificate.
 *
 * <p>Usable inside the test container (no driver-side types): it reads the built feature descriptor
 * from {@code continuum.features.dir} and the repository from {@code maven.repo.local}.
 */
public final class MiloTestServer implements AutoCloseable {

    private static final Pattern BUNDLE_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\":]+):([^\":]+):([^\"]+)\"");

    private final int port;
    private final Path pki;
    private final List<String> arguments;
    private Process process;

    private MiloTestServer(int port, Path pki, List<String> arguments) {
        this.port = port;
        this.pki = pki;
        this.arguments = arguments;
    }

    /**
     * A server (not yet started) on {@code port} keeping its certificate in {@code pki}.
     *
     * @param options more SimMain options, e.g. {@code --policies=Basic256Sha256}, {@code --user=op:secret},
     *     {@code --tags=200}, {@code --update-ms=5}
     */
    public static MiloTestServer create(int port, Path pki, String... options) {
        List<String> arguments = new ArrayList<>(List.of("--port=" + port, "--pki=" + pki));
        arguments.addAll(List.of(options));
        return new MiloTestServer(port, pki, arguments);
    }

    /** Starts the process and waits until it listens (its {@code READY} line). */
    public synchronized MiloTestServer start() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(classPath());
        command.add("dev.continuum.sim.internal.SimMain");
        command.addAll(arguments);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder log = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while ((line = out.readLine()) != null) {
            log.append(line).append('\n');
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> drain(out), "milo-test-server-" + port);
                drain.setDaemon(true);
                drain.start();
                return this;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        process.destroyForcibly();
        throw new IOException("the OPC UA test server did not start:\n" + log);
    }

    /** Ends the server process at once (as a crash would) and waits for it to be gone. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            process = null;
        }
    }

    public String endpointUrl() {
        return "opc.tcp://localhost:" + port + "/continuum-sim";
    }

    /** The server's certificate (DER), to copy into a client's trust list. */
    public Path certificate() {
        return pki.resolve("server.der");
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // the server's log is not asserted on
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** The jars of the sim feature plus slf4j-api (from this JVM's class path or the repository). */
    static String classPath() throws IOException {
        Path features = Paths.get(System.getProperty("continuum.features.dir", "../features/target/features"));
        Path repository = Paths.get(System.getProperty("maven.repo.local",
                Paths.get(System.getProperty("user.home"), ".m2", "repository").toString()));
        String descriptor = Files.readString(features.resolve("sim.json"), StandardCharsets.UTF_8);
        List<String> jars = new ArrayList<>();
        Matcher matcher = BUNDLE_ID.matcher(descriptor);
        while (matcher.find()) {
            String group = matcher.group(1);
            String artifact = matcher.group(2);
            String version = matcher.group(3);
            jars.add(repository.resolve(group.replace('.', File.separatorChar)).resolve(artifact).resolve(version)
                    .resolve(artifact + "-" + version + ".jar").toString());
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("slf4j-api")) {
                jars.add(entry);
            }
        }
        if (jars.stream().noneMatch(j -> j.contains("slf4j-api"))) {
            try (var found = Files.walk(repository.resolve("org/slf4j/slf4j-api"))) {
                found.filter(p -> p.toString().endsWith(".jar")).findFirst().ifPresent(p -> jars.add(p.toString()));
            }
        }
        return String.join(File.pathSeparator, jars);
    }
}
