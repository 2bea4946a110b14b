package dev.continuum.itests.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.GatewayProcess;
import dev.continuum.itests.support.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The console in Debian's headless Chromium against a real gateway process (core, console, pipeline, OPC
 * UA and the simulation server): first login with the one-time password, the forced password change,
 * live values moving on the Assets page, and screenshots of the main pages into {@code docs/screenshots}.
 * It also prints the console's first contentful paint (navigation timing) for docs/benchmarks.md.
 */
class ConsoleBrowserTest {

    private static final String NEW_PASSWORD = "browser-test-password";

    @TempDir
    Path work;

    @Test
    void firstLoginForcesAPasswordChangeThenShowsLiveValuesAndEveryPage() throws Exception {
        int http = Ports.free();
        int https = Ports.free();
        Path data = work.resolve("data");
        try (GatewayProcess gateway = GatewayProcess.start(work, "--features", "core,console,pipeline,opcua,sim",
                "--data", data.toString(), "--property", "org.osgi.service.http.port=" + http,
                "--property", "org.osgi.service.http.port.secure=" + https)) {
            Await.until(Duration.ofSeconds(90), "the gateway running", () -> gateway.output().contains("Continuum is running"));
            String oneTime = Files.readString(data.resolve("security/initial-admin-password")).trim();
            String base = "https://127.0.0.1:" + https;
            Await.until(Duration.ofSeconds(60), "the generated HTTPS certificate",
                    () -> Files.exists(data.resolve("security/https.p12")));
            HttpClient client = HttpClient.newBuilder().sslContext(Api.trustGenerated(data)).build();
            Await.until(Duration.ofSeconds(60), "HTTPS answering", () -> status(client, base + "/api/v1/openapi.json") == 200);

            WebDriver driver = chromium();
            try {
                driver.get(base + "/console/");
                WebElement user = waitFor(driver, "#login-user");
                double firstPaint = firstContentfulPaint(driver);
                user.clear();
                user.sendKeys("admin");
                driver.findElement(By.id("login-password")).sendKeys(oneTime);
                driver.findElement(By.id("login-submit")).click();

                waitFor(driver, "#pw-required");
                shot(driver, "password-change");
                driver.findElement(By.id("pw-current")).sendKeys(oneTime);
                driver.findElement(By.id("pw-new")).sendKeys(NEW_PASSWORD);
                driver.findElement(By.id("pw-again")).sendKeys(NEW_PASSWORD);
                driver.findElement(By.id("pw-submit")).click();
                waitFor(driver, "#metric-health");
                assertThat(data.resolve("security/initial-admin-password")).doesNotExist();

                // A reload with the session: time until the status page shows the gateway's health.
                driver.navigate().refresh();
                waitFor(driver, "#metric-health");
                double reloadPaint = firstContentfulPaint(driver);
                double statusShown = (double) ((Number) ((JavascriptExecutor) driver)
                        .executeScript("return performance.now()")).doubleValue();
                System.out.printf("CONSOLE-TIMING login-page-fcp-ms=%.0f reload-fcp-ms=%.0f status-data-ms<=%.0f%n",
                        firstPaint, reloadPaint, statusShown);
                // The budget (1 s) holds for the page served warm; the cold first load is printed and reported.
                assertThat(reloadPaint).isPositive().isLessThanOrEqualTo(1000);
                shot(driver, "status");

                applyPipeline(client, base);
                driver.findElement(By.id("nav-assets")).click();
                By vibration = By.cssSelector("td[data-channel='press1/vibration']");
                String first = Await.until(Duration.ofSeconds(60), "a live vibration value", () -> {
                    List<WebElement> cells = driver.findElements(vibration);
                    String text = cells.isEmpty() ? "" : cells.get(0).getText();
                    return text.isEmpty() || text.equals("–") ? null : text;
                });
                Await.until(Duration.ofSeconds(20), "the vibration value moving",
                        () -> !driver.findElement(vibration).getText().equals(first));
                Await.pause(Duration.ofSeconds(3));
                shot(driver, "assets");

                for (String page : List.of("pipelines", "models", "cloud", "packages", "config", "security", "logs")) {
                    driver.findElement(By.id("nav-" + page)).click();
                    waitFor(driver, "#page h1");
                    Await.pause(Duration.ofMillis(800));
                    shot(driver, page);
                }
                assertThat(driver.findElement(By.id("page")).getText()).contains("login", "password.change");
            } finally {
                driver.quit();
            }
            assertThat(gateway.terminate(Duration.ofSeconds(30))).isZero();
        }
    }

    private WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--ignore-certificate-errors",
                "--window-size=1440,960", "--user-data-dir=" + work.resolve("chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Paths.get("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static WebElement waitFor(WebDriver driver, String css) {
        return Await.until(Duration.ofSeconds(20), css, () -> {
            List<WebElement> found = driver.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    private static double firstContentfulPaint(WebDriver driver) {
        Object value = ((JavascriptExecutor) driver).executeScript(
                "const p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : -1;");
        return ((Number) value).doubleValue();
    }

    private static void shot(WebDriver driver, String name) throws IOException {
        Path repo = Paths.get(System.getProperty("continuum.repo.root", "..")).toAbsolutePath().normalize();
        Path target = repo.resolve("docs/screenshots/" + name + ".png");
        Files.createDirectories(target.getParent());
        Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void applyPipeline(HttpClient client, String base) throws Exception {
        String graph = "{\"components\": [{\"name\": \"vibration\", \"type\": \"source\", \"config\": {\"channels\":"
                + " \"press1/vibration\"}}, {\"name\": \"hot\", \"type\": \"filter\", \"config\": {\"expression\":"
                + " \"value > 2\"}}], \"wires\": [{\"emitter\": \"vibration\", \"receiver\": \"hot\"}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/pipelines/press-watch"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + NEW_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(graph)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    private static int status(HttpClient client, String url) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
