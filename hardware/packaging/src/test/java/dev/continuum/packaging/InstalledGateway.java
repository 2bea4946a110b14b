package dev.continuum.packaging;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway of an installation in a folder, run as the unit runs it ({@code /opt/continuum/bin/continuum})
 * with {@code CONTINUUM_ROOT} pointing at the folder.
 */
final class InstalledGateway implements AutoCloseable {

    private final Path root;
    private final Process process;
    private final Path output;

    private InstalledGateway(Path root, Process process, Path output) {
        this.root = root;
        this.process = process;
        this.output = output;
    }

    /** Starts it; {@code arguments} go to the launcher after those from the settings. */
    static InstalledGateway start(Path root, Map<String, String> environment, String... arguments) throws IOException {
        Path output = Files.createTempFile(root.getParent(), "gateway", ".out");
        List<String> command = new java.util.ArrayList<>();
        command.add(root.resolve("opt/continuum/bin/continuum").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("CONTINUUM_ROOT", root.toString());
        builder.environment().putAll(environment);
        return new InstalledGateway(root, builder.start(), output);
    }

    static Command ctl(Path root, String stdin, String... arguments) {
        List<String> command = new java.util.ArrayList<>();
        command.add(root.resolve("opt/continuum/bin/continuumctl").toString());
        command.addAll(List.of(arguments));
        return Command.run(command, Map.of("CONTINUUM_ROOT", root.toString()), stdin);
    }

    /** Waits until {@code continuumctl status} reports the gateway UP. */
    void awaitUp() {
        Await.until(Duration.ofSeconds(90), "continuumctl status reports UP (gateway output: " + output + ")",
                () -> ctl(root, null, "status"),
                status -> status.exitCode() == 0 && status.output().contains("health:   UP"));
    }

    /** Waits until {@code continuumctl status} shows the components' health checks; returns its output. */
    /**
     * Waits until {@code continuumctl status} shows {@code line} (the gateway reports its health from the
     * start, while bundles are still starting, so a check may be DOWN before it is UP).
     */
    String awaitStatusLine(String line) {
        return Await.until(Duration.ofSeconds(90), "continuumctl status shows '" + line + "' (gateway output: "
                + output + ")", () -> ctl(root, null, "status"),
                status -> status.exitCode() != 3 && status.output().contains(line)).output();
    }

    String awaitHealthReported() {
        return Await.until(Duration.ofSeconds(90), "continuumctl status lists the health checks (gateway output: "
                + output + ")", () -> ctl(root, null, "status"),
                status -> status.exitCode() != 3 && status.output().contains("  Bundles ")).output();
    }

    /** The HTTP status of an authenticated console request. */
    static int console(int port, String user, String password) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/system/console/bundles"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(20)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The console's answer once it is there (the web console registers a moment after health is UP). */
    static int awaitConsole(int port, String user, String password) {
        return Await.until(Duration.ofSeconds(30), "the console at port " + port + " answers", () -> {
            try {
                return console(port, user, password);
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }, status -> status != -1 && status != 404 && status != 503);
    }

    /** SIGTERM, as systemd stops the service; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the gateway did not stop within 60 s after SIGTERM");
        }
        return process.exitValue();
    }

    String output() throws IOException {
        return Files.readString(output);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    static Map<String, String> environment(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
