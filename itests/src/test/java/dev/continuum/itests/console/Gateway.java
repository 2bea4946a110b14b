package dev.continuum.itests.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.continuum.itests.support.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.osgi.framework.BundleContext;

/**
 * The gateway under test, seen from inside its framework: ports and data directory from the framework
 * properties, and the administrator's first login (the one-time password must be changed first), done
 * once per framework and asserted on the way.
 */
final class Gateway {

    static final String ADMIN_PASSWORD = "correct horse battery staple";
    private static volatile boolean adminReady;

    private final BundleContext context;

    Gateway(BundleContext context) {
        this.context = context;
    }

    int httpPort() {
        return Integer.parseInt(context.getProperty("org.osgi.service.http.port"));
    }

    int httpsPort() {
        return Integer.parseInt(context.getProperty("org.osgi.service.http.port.secure"));
    }

    Path data() {
        return Path.of(context.getProperty("continuum.data"));
    }

    Api http() {
        // HTTPS listening means the HTTP service has taken the console's HTTPS configuration (it starts only then).
        Await.until(Duration.ofSeconds(60), "HTTPS listening", () -> listening(httpsPort()));
        Api api = Api.http(httpPort());
        Await.until(Duration.ofSeconds(30), "the REST API answering",
                () -> api.get("/api/v1/openapi.json").status() == 200);
        return api;
    }

    /**
     * An admin session. The call that finds the one-time password changes it, asserting on the way that
     * nothing else is allowed before (the first test of the framework, whichever it is).
     */
    synchronized Api admin() throws IOException {
        Api api = http();
        Path initial = data().resolve("security/initial-admin-password");
        if (!adminReady && Files.exists(initial)) {
            String oneTime = Files.readString(initial).trim();
            assertThat(api.login("admin", oneTime).object().get("mustChangePassword").getAsBoolean()).isTrue();
            Api.Reply refused = api.get("/api/v1/assets");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("password_change_required");
            assertThat(refused.object().get("message").getAsString()).contains("/api/v1/auth/password");
            JsonObject change = new JsonObject();
            change.addProperty("current", oneTime);
            change.addProperty("password", ADMIN_PASSWORD);
            assertThat(api.send("POST", "/api/v1/auth/password", change).status()).isEqualTo(200);
            assertThat(initial).doesNotExist();
            adminReady = true;
            assertThat(api.get("/api/v1/assets").status()).isEqualTo(200);
            return api;
        }
        assertThat(api.login("admin", ADMIN_PASSWORD).status()).isEqualTo(200);
        return api;
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates {@code name} with {@code role} and returns its session after the forced password change. */
    Api user(String name, String role) throws IOException {
        JsonObject user = new JsonObject();
        user.addProperty("role", role);
        user.addProperty("password", "initial-" + name + "-pw");
        assertThat(admin().send("PUT", "/api/v1/users/" + name, user).status()).isIn(200, 201);
        Api api = http();
        assertThat(api.login(name, "initial-" + name + "-pw").status()).isEqualTo(200);
        JsonObject change = new JsonObject();
        change.addProperty("current", "initial-" + name + "-pw");
        change.addProperty("password", name + "-own-password");
        assertThat(api.send("POST", "/api/v1/auth/password", change).status()).isEqualTo(200);
        return api;
    }
}
