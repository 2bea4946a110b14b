package dev.continuum.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/** What the operator needs after start: where the console is and how to log in. */
final class Banner {

    /** Written by the core bundle on first start; removed once the admin sets a password of their own. */
    static final String INITIAL_PASSWORD_FILE = "security/initial-admin-password";

    private Banner() {
    }

    static void print(BundleContext context, Path data) {
        String host = property(context, "org.apache.felix.http.host", "0.0.0.0");
        String port = property(context, "org.osgi.service.http.port", "8080");
        String shownHost = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
        Path passwordFile = data.resolve(INITIAL_PASSWORD_FILE);
        StringBuilder text = new StringBuilder()
                .append("\n  Continuum is running.  Ctrl-C stops it.\n")
                .append("  Console:   http://").append(shownHost).append(':').append(port).append("/system/console\n")
                .append("  Data:      ").append(data).append('\n');
        if (Files.isRegularFile(passwordFile)) {
            try {
                String password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
                text.append("  Log in as: admin / ").append(password)
                        .append("   (one-time password, also in ").append(passwordFile).append(")\n");
            } catch (IOException e) {
                text.append("  Log in as: admin, password in ").append(passwordFile).append('\n');
            }
        } else {
            text.append("  Log in as: admin, with the password set for this gateway\n");
        }
        System.out.println(text);
    }

    private static String property(BundleContext context, String key, String fallback) {
        String value = context.getProperty(key);
        return value == null || value.isBlank() ? fallback : value;
    }
}
