package dev.continuum.itests.console;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.GatewayProcess;
import dev.continuum.itests.support.Ports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Console benchmark (issue 9): does a browser showing live charts of 50 channels at 5 Hz slow down a
 * pipeline that runs at full throughput in the same gateway?
 *
 * <p>One gateway process (the launcher, as operators run it) with a bench profile: the simulation OPC UA
 * server with 50 extra tags changing every 200 ms, an asset {@code tags} with those 50 channels (so the
 * console's Assets page draws one live uPlot chart with 50 series fed by the SSE stream), and a pipeline
 * {@code bench}: {@code load} (the example bundle's source, as fast as the BLOCK policy lets it) -> filter ->
 * window -> aggregate. Headless Chromium (Selenium) logs in once; then rounds alternate "charts off" (the
 * tab on about:blank: no console, no event stream) and "charts on" (the Assets page), in ABBA order, and
 * measure the pipeline's throughput as the filter's {@code received} counter over each period. Prints
 * per-round rates, the median ratio on/off, the samples per second the page received and the load average.
 *
 * <p>Run: {@code itests/benchmarks/console.sh [ROUNDS] [SECONDS]} (not part of the test suite).
 */
public final class ConsoleChartsBench {

    private static final int CHANNELS = 50;
    private static final String PASSWORD = "bench horse battery staple";

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path repo = Paths.get(System.getProperty("continuum.repo.root", "..")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("console-bench");
        int http = Ports.free();
        int https = Ports.free();
        Path data = work.resolve("data");
        Path features = features(repo, work);
        Path hardware = hardware(work, http, https);
        try (GatewayProcess gateway = GatewayProcess.start(List.of("-Xmx256m", "-XX:+UseSerialGC"), work,
                "--features-dir", features.toString(), "--hardware-dir", hardware.toString(),
                "--profile", "console-bench", "--data", data.toString())) {
            Await.until(Duration.ofSeconds(300), "the gateway running", () -> gateway.output().contains("Continuum is running"));
            Await.until(Duration.ofSeconds(60), "the HTTPS certificate", () -> Files.exists(data.resolve("security/https.p12")));
            Await.until(Duration.ofSeconds(60), "HTTPS listening", () -> Gateway.listening(https));
            Api api = Api.https(https, data);
            Await.until(Duration.ofSeconds(180), "the REST API", () -> api.get("/api/v1/openapi.json").status() == 200);
            firstLogin(api, data);
            Await.until(Duration.ofSeconds(60), "the bench pipeline running", () -> received(api) > 0);
            Await.until(Duration.ofSeconds(60), "all 50 tag channels with values", () -> taggedWithValues(api) == CHANNELS);
            WebDriver browser = ConsoleBrowserTest.chromium(work.resolve("chromium"));
            try {
                String base = "https://127.0.0.1:" + https;
                browser.get(base + "/console/");
                org.openqa.selenium.WebElement user = visible(browser, "#login-user");
                user.clear();
                user.sendKeys("admin");
                browser.findElement(By.id("login-password")).sendKeys(PASSWORD);
                browser.findElement(By.id("login-submit")).click();
                visible(browser, "#metric-health");
                System.out.printf(Locale.ROOT, "warm-up 20 s (pipeline at full speed, charts on)%n");
                chartsOn(browser, base);
                Thread.sleep(20_000);
                List<Double> charts = new ArrayList<>();
                List<Double> streams = new ArrayList<>();
                List<Double> browserCpu = new ArrayList<>();
                String loadBefore = loadAverage();
                String[] modes = {"off", "charts", "stream"};
                for (int round = 1; round <= rounds; round++) {
                    Map<String, Double> rate = new HashMap<>();
                    double pageSamples = 0;
                    double streamSamples = 0;
                    double chromiumShare = 0;
                    for (int step = 0; step < modes.length; step++) {
                        String mode = modes[(step + round - 1) % modes.length];
                        browser.get("about:blank");
                        if (mode.equals("charts")) {
                            chartsOn(browser, base);
                        }
                        try (SampleStream stream = mode.equals("stream") ? new SampleStream(https, data) : null) {
                            Thread.sleep(3000);
                            if (mode.equals("charts")) {
                                ((JavascriptExecutor) browser).executeScript("window.benchSamples = 0;");
                            }
                            long streamed = stream == null ? 0 : stream.samples();
                            long before = received(api);
                            double chromiumBefore = cpuSeconds("chromium");
                            long start = System.nanoTime();
                            Thread.sleep(seconds * 1000L);
                            long after = received(api);
                            double elapsed = (System.nanoTime() - start) / 1e9;
                            double chromium = (cpuSeconds("chromium") - chromiumBefore) / elapsed;
                            rate.put(mode, (after - before) / elapsed);
                            if (mode.equals("charts")) {
                                chromiumShare = chromium;
                                pageSamples = ((Number) ((JavascriptExecutor) browser)
                                        .executeScript("return window.benchSamples;")).doubleValue() / elapsed;
                            } else if (stream != null) {
                                streamSamples = (stream.samples() - streamed) / elapsed;
                            }
                        }
                    }
                    charts.add(rate.get("charts") / rate.get("off"));
                    streams.add(rate.get("stream") / rate.get("off"));
                    browserCpu.add(chromiumShare);
                    System.out.printf(Locale.ROOT, "round %d (order from %s): off %,.0f records/s, charts %,.0f (ratio %.3f,"
                            + " page received %.0f samples/s, Chromium %.1f %% of a CPU), stream only %,.0f (ratio %.3f,"
                            + " %.0f samples/s)%n", round, modes[(round - 1) % modes.length], rate.get("off"),
                            rate.get("charts"), charts.get(round - 1), pageSamples, chromiumShare * 100, rate.get("stream"),
                            streams.get(round - 1), streamSamples);
                }
                double chartsMedian = median(charts);
                double streamMedian = median(streams);
                System.out.printf(Locale.ROOT, "CONSOLE-BENCH channels=%d rounds=%d seconds=%d"
                        + " median-ratio charts/off=%.3f (%+.1f %%) stream-only/off=%.3f (%+.1f %%)"
                        + " chromium-cpu-while-charting=%.1f%%"
                        + " load-before=[%s] load-after=[%s] cpus=%d%n",
                        CHANNELS, rounds, seconds, chartsMedian, (chartsMedian - 1) * 100, streamMedian,
                        (streamMedian - 1) * 100, median(browserCpu) * 100, loadBefore, loadAverage(),
                        Runtime.getRuntime().availableProcessors());
            } finally {
                browser.quit();
            }
            gateway.terminate(Duration.ofSeconds(30));
        }
    }

    /** The built features plus {@code bench}: the example pipeline bundle (its {@code load} source). */
    private static Path features(Path repo, Path work) throws Exception {
        Path built = repo.resolve("features/target/features");
        Path dir = Files.createDirectories(work.resolve("features"));
        String version = null;
        try (Stream<Path> files = Files.list(built)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String text = Files.readString(file);
                Files.writeString(dir.resolve(file.getFileName()), text);
                Matcher matcher = Pattern.compile("dev\\.continuum:dev\\.continuum\\.core:([^\"]+)\"").matcher(text);
                if (matcher.find()) {
                    version = matcher.group(1);
                }
            }
        }
        if (version == null) {
            throw new IllegalStateException("no core feature with a version under " + built + ": run ./gw build first");
        }
        Files.writeString(dir.resolve("bench.json"), """
                {"name": "bench", "description": "The example pipeline bundle (the load source) for benchmarks.",
                 "bundles": [{"id": "dev.continuum:dev.continuum.example.pipeline:%s", "start-order": 20}]}
                """.formatted(version));
        return dir;
    }

    /** A profile {@code console-bench}: 50 sim tags at 5 Hz, an asset with them, the bench pipeline. */
    private static Path hardware(Path work, int http, int https) throws Exception {
        Path dir = Files.createDirectories(work.resolve("hardware/console-bench"));
        // Its own simulation server port (the sim feature's 4841 may be taken by another gateway on the machine).
        int simPort = Ports.free();
        JsonObject asset = new JsonObject();
        asset.addProperty("name", "tags");
        asset.addProperty("driver.instance", "sim");
        for (int i = 0; i < CHANNELS; i++) {
            String channel = String.format(Locale.ROOT, "t%02d", i);
            asset.addProperty(channel + "#+value.type", "DOUBLE");
            asset.addProperty(channel + "#node.id", String.format(Locale.ROOT, "nsu=urn:continuum:sim:line;s=Line/Tags/Tag%05d", i));
        }
        String graph = """
                {"components": [{"name": "load", "type": "load", "config": {"channels": 8}},
                  {"name": "filter", "type": "filter", "config": {"expression": "value >= 0"}},
                  {"name": "window", "type": "window", "config": {"size": 16}},
                  {"name": "aggregate", "type": "aggregate", "config": {"count": 16}}],
                 "wires": [{"emitter": "load", "receiver": "filter"}, {"emitter": "filter", "receiver": "window"},
                           {"emitter": "window", "receiver": "aggregate"}]}""";
        String profile = """
                {"name": "console-bench", "description": "Console benchmark: 50 channels at 5 Hz and a pipeline at full speed.",
                 "features": ["core", "console", "pipeline", "opcua", "sim", "bench"],
                 "framework-properties": {"org.apache.felix.http.host": "127.0.0.1",
                   "org.osgi.service.http.port": "%d", "org.osgi.service.http.port.secure": "%d"},
                 "configurations": {
                   "dev.continuum.sim": {"tags:Integer": %d, "updateMillis:Integer": 200, "port:Integer": %d},
                   "dev.continuum.opcua~sim": {"endpointUrl": "opc.tcp://localhost:%d/continuum-sim"},
                   "dev.continuum.asset~tags": %s,
                   "dev.continuum.pipeline~bench": {"name": "bench", "graph": %s}}}
                """.formatted(http, https, CHANNELS, simPort, simPort, asset, graph);
        Files.writeString(dir.resolve("profile.json"), profile, StandardCharsets.UTF_8);
        return dir.getParent();
    }

    private static void firstLogin(Api api, Path data) throws Exception {
        String oneTime = Files.readString(data.resolve("security/initial-admin-password")).trim();
        if (api.login("admin", oneTime).status() != 200) {
            throw new IllegalStateException("the one-time admin password was refused");
        }
        JsonObject change = new JsonObject();
        change.addProperty("current", oneTime);
        change.addProperty("password", PASSWORD);
        if (api.send("POST", "/api/v1/auth/password", change).status() != 200) {
            throw new IllegalStateException("the password change was refused");
        }
        if (api.login("admin", PASSWORD).status() != 200) {
            throw new IllegalStateException("the new admin password was refused");
        }
    }

    /** Records the bench pipeline's filter has taken from its input queue (= what the source emitted). */
    private static long received(Api api) {
        Api.Reply reply = api.get("/api/v1/pipelines/bench");
        if (reply.status() != 200) {
            return -1;
        }
        for (JsonElement component : reply.object().getAsJsonArray("components")) {
            JsonObject c = component.getAsJsonObject();
            if (c.get("name").getAsString().equals("filter") && c.has("received")) {
                return c.get("received").getAsLong();
            }
        }
        return -1;
    }

    private static int taggedWithValues(Api api) {
        Api.Reply reply = api.get("/api/v1/assets/tags");
        if (reply.status() != 200) {
            return -1;
        }
        int count = 0;
        for (JsonElement channel : reply.object().getAsJsonArray("channels")) {
            JsonElement latest = channel.getAsJsonObject().get("latest");
            if (latest != null && latest.isJsonObject() && latest.getAsJsonObject().get("value").isJsonPrimitive()) {
                count++;
            }
        }
        return count;
    }

    /** The Assets page with the tags chart drawn (50 series), counting the samples the page receives. */
    private static void chartsOn(WebDriver browser, String base) {
        browser.get(base + "/console/#/assets");
        Await.until(Duration.ofSeconds(90), "the 50-series chart", () -> ((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelectorAll('#chart-tags .u-legend .u-series').length;")).intValue() >= CHANNELS);
        ((JavascriptExecutor) browser).executeScript(
                "window.benchSamples = 0; if (!window.benchCounting) { window.benchCounting = true;"
                        + " state.listeners.add((batch) => { window.benchSamples += batch.length; }); }");
    }

    /** Like the browser test's wait, but patient: the pipeline keeps a core busy while the page loads. */
    private static org.openqa.selenium.WebElement visible(WebDriver browser, String css) {
        try {
            return Await.until(Duration.ofSeconds(90), css, () -> browser.findElements(By.cssSelector(css)).stream()
                    .filter(org.openqa.selenium.WebElement::isDisplayed).findFirst().orElse(null));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the page (" + browser.getCurrentUrl() + ") shows: "
                    + browser.findElement(By.tagName("body")).getText(), e);
        }
    }

    /**
     * CPU seconds used so far by this JVM's descendant processes whose command contains {@code name} (the
     * browser and its renderer, GPU and utility processes, started through chromedriver).
     */
    private static double cpuSeconds(String name) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains(name)).orElse(false))
                .mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)).sum();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * The gateway's side of live charts without a browser: the SSE stream {@code /api/v1/events} read by a
     * plain client (HTTP Basic), counting the samples it pushes.
     */
    private static final class SampleStream implements AutoCloseable {
        private final java.util.concurrent.atomic.AtomicLong samples = new java.util.concurrent.atomic.AtomicLong();
        private final java.io.InputStream body;
        private final Thread reader;

        SampleStream(int https, Path data) throws Exception {
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().sslContext(Api.trustGenerated(data)).build();
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("https://127.0.0.1:" + https + "/api/v1/events"))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            ("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8))).build();
            body = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream()).body();
            reader = new Thread(() -> {
                try (java.io.BufferedReader lines = new java.io.BufferedReader(
                        new java.io.InputStreamReader(body, StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.startsWith("data:")) {
                            samples.addAndGet(com.google.gson.JsonParser.parseString(line.substring(5)).getAsJsonArray().size());
                        }
                    }
                } catch (java.io.IOException | RuntimeException closed) {
                    // closed by close()
                }
            }, "bench-sse");
            reader.start();
        }

        long samples() {
            return samples.get();
        }

        @Override
        public void close() throws Exception {
            body.close();
            reader.join(5000);
        }
    }

    private static String loadAverage() throws Exception {
        return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")).subList(0, 3));
    }
}
