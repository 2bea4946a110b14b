package dev.continuum.itests.support;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Minimal HTTP GET against the gateway, returning the status code. */
public final class Http {

    private Http() {
    }

    public static int get(String url, String user, String password) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(30_000); // a first password check (PBKDF2) in a cold JVM on a loaded box
            if (user != null) {
                String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
                connection.setRequestProperty("Authorization", "Basic " + token);
            }
            int code = connection.getResponseCode();
            connection.disconnect();
            return code;
        } catch (IOException e) {
            return -1;
        }
    }
}
