package dev.continuum.itests.console;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A REST client of the gateway as a browser uses it: a session cookie and its CSRF token, or HTTP Basic.
 * Over HTTPS it trusts exactly the certificate the gateway generated in its data directory.
 */
final class Api {

    /** A response: status, parsed JSON body (or null), headers. */
    record Reply(int status, JsonElement body, HttpResponse<String> raw) {
        JsonObject object() {
            return body.getAsJsonObject();
        }

        String code() {
            return body != null && body.isJsonObject() && body.getAsJsonObject().has("code")
                    ? body.getAsJsonObject().get("code").getAsString() : null;
        }

        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }
    }

    private final HttpClient client;
    private final String base;
    private String cookie;
    private String csrf;
    private String basic;

    private Api(HttpClient client, String base) {
        this.client = client;
        this.base = base;
    }

    static Api http(int port) {
        return new Api(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER).build(), "http://127.0.0.1:" + port);
    }

    /** A client with HTTP Basic over {@code client} (e.g. one that trusts the gateway's certificate). */
    static Api basic(HttpClient client, String base, String user, String password) {
        return new Api(client, base).basic(user, password);
    }

    static Api https(int port, Path data) {
        return new Api(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).sslContext(trustGenerated(data))
                .followRedirects(HttpClient.Redirect.NEVER).build(), "https://127.0.0.1:" + port);
    }

    /** Trusts only the gateway's generated certificate (DATA/security/https.p12). */
    static SSLContext trustGenerated(Path data) {
        try (InputStream in = Files.newInputStream(data.resolve("security/https.p12"))) {
            char[] password = Files.readString(data.resolve("security/https.password")).trim().toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, password);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("gateway", keys.getCertificate("continuum"));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust the gateway's certificate", e);
        }
    }

    Api basic(String user, String password) {
        basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Logs in; keeps the cookie and the CSRF token on success. */
    Reply login(String user, String password) {
        JsonObject body = new JsonObject();
        body.addProperty("user", user);
        body.addProperty("password", password);
        Reply reply = send("POST", "/api/v1/auth/login", body);
        if (reply.status() == 200) {
            cookie = reply.header("Set-Cookie").orElseThrow().split(";")[0];
            csrf = reply.object().get("csrfToken").getAsString();
        }
        return reply;
    }

    void dropCsrf() {
        csrf = null;
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    Reply send(String method, String path, JsonElement body) {
        return send(method, path, body == null ? null : body.toString(), "application/json", null);
    }

    Reply send(String method, String path, String body, String type, String origin) {
        return send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), type, origin);
    }

    /** POSTs {@code files} as multipart/form-data, each under its part name with its file name. */
    Reply upload(String path, Map<String, Path> files) throws IOException {
        return upload(path, Map.of(), files);
    }

    /** POSTs the form {@code fields} and {@code files} as multipart/form-data. */
    Reply upload(String path, Map<String, String> fields, Map<String, Path> files) throws IOException {
        String boundary = "continuum-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                    + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, Path> file : files.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey() + "\"; filename=\""
                    + file.getValue().getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(file.getValue()));
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", path, body.toByteArray(), "multipart/form-data; boundary=" + boundary, null);
    }

    Reply send(String method, String path, byte[] body, String type) {
        return send(method, path, body, type, null);
    }

    private Reply send(String method, String path, byte[] body, String type, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", type);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (csrf != null && !method.equals("GET")) {
            request.header("X-CSRF-Token", csrf);
        }
        if (basic != null) {
            request.header("Authorization", basic);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonElement json = null;
            String text = response.body();
            if (text != null && !text.isBlank() && response.headers().firstValue("Content-Type")
                    .orElse("").startsWith("application/json")) {
                json = JsonParser.parseString(text);
            }
            return new Reply(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }
}
