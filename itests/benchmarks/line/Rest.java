package dev.continuum.itests.line;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's REST API over loopback HTTP as an administrator: the one-time password from the data
 * directory is replaced on first use, then a session cookie and its CSRF token are kept.
 */
final class Rest {

    private static final String PASSWORD = "line-bench correct horse battery";
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private String cookie;
    private String csrf;

    private Rest(int port) {
        this.base = "http://127.0.0.1:" + port + "/api/v1";
    }

    /** Waits for the REST API and the one-time admin password (a fresh data directory), replaces it, logs in. */
    static Rest admin(int port, Path data, Duration timeout) throws IOException, InterruptedException {
        Rest rest = new Rest(port);
        long deadline = System.nanoTime() + timeout.toNanos();
        Path initial = data.resolve("security/initial-admin-password");
        while (true) {
            try {
                if (rest.call("GET", "/openapi.json", null).statusCode() == 200 && Files.exists(initial)) {
                    break;
                }
            } catch (IOException notYet) {
                // Jetty restarts once while the console sets up HTTPS
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the REST API did not answer on " + rest.base + " within " + timeout);
            }
            Thread.sleep(500);
        }
        String oneTime = Files.readString(initial).trim();
        rest.login(oneTime);
        HttpResponse<String> change = rest.call("POST", "/auth/password",
                "{\"current\": " + quote(oneTime) + ", \"password\": " + quote(PASSWORD) + "}");
        if (change.statusCode() != 200) {
            throw new IllegalStateException("changing the one-time admin password failed: " + change.body());
        }
        rest.login(PASSWORD);
        return rest;
    }

    private void login(String password) throws IOException, InterruptedException {
        cookie = null;
        csrf = null;
        HttpResponse<String> reply = call("POST", "/auth/login",
                "{\"user\": \"admin\", \"password\": " + quote(password) + "}");
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("admin login failed (" + reply.statusCode() + "): " + reply.body());
        }
        cookie = reply.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        csrf = field(reply.body(), "csrfToken");
    }

    HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (csrf != null && !method.equals("GET")) {
            request.header("X-CSRF-Token", csrf);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a deployment package with its signed update manifest ({@code multipart/form-data}). */
    HttpResponse<String> postPackage(byte[] manifest, byte[] dp) throws IOException, InterruptedException {
        String boundary = "line-bench-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        part(body, boundary, "manifest", "update.json", "application/json", manifest);
        part(body, boundary, "package", "package.dp", "application/vnd.osgi.dp", dp);
        body.write(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/packages")).timeout(Duration.ofSeconds(300))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Cookie", cookie).header("X-CSRF-Token", csrf).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void part(java.io.ByteArrayOutputStream body, String boundary, String name, String file, String type,
            byte[] content) throws IOException {
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + file
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        body.write(content);
        body.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    static String field(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no '" + key + "' in " + json);
        }
        return m.group(1);
    }

    static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
