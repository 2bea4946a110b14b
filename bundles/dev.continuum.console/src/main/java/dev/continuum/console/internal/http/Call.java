package dev.continuum.console.internal.http;

import dev.continuum.console.internal.security.Principal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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

    /** A query parameter or {@code fallback}. */
    public String query(String name, String fallback) {
        String value = request.getParameter(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
