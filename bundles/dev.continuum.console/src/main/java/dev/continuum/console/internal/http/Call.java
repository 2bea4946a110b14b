package dev.continuum.console.internal.http;

import dev.continuum.console.internal.security.Principal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One authenticated API call: who, from where, the path parameters, and the request. */
public record Call(Principal principal, HttpServletRequest request, HttpServletResponse response,
        Map<String, String> params) {

    public String param(String name) {
        return params.get(name);
    }

    public String address() {
        return request.getRemoteAddr();
    }

    public String user() {
        return principal.user();
    }

    public <T> T body(Class<T> type) throws IOException {
        return Json.read(request, type);
    }

    /**
     * A query parameter or {@code fallback}. Read from the query string itself: once a multipart body was
     * parsed, the container's parameter map need not hold the query's parameters.
     */
    public String query(String name, String fallback) {
        String value = request.getParameter(name);
        String query = request.getQueryString();
        if ((value == null || value.isBlank()) && query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                    break;
                }
            }
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
