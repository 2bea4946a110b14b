package dev.continuum.console.internal.rest;

import com.google.gson.JsonObject;
import dev.continuum.console.internal.http.ApiError;
import dev.continuum.console.internal.http.Call;
import dev.continuum.console.internal.http.Json;
import dev.continuum.console.internal.http.Router;
import dev.continuum.console.internal.security.LoginDenied;
import dev.continuum.console.internal.security.Principal;
import dev.continuum.console.internal.security.Role;
import dev.continuum.console.internal.security.SecurityService;
import dev.continuum.console.internal.security.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** {@code /auth}: login (session cookie + CSRF token), logout, the current session, password change. */
final class AuthResource {

    record Credentials(String user, String password) {
    }

    record PasswordChange(String current, String password) {
    }

    private final SecurityService security;

    AuthResource(SecurityService security) {
        this.security = security;
    }

    void register(Router router) {
        router.add("GET", "/auth/session", Role.VIEWER, true, call -> describe(call.principal()));
        router.add("POST", "/auth/logout", Role.VIEWER, true, this::logout);
        router.add("POST", "/auth/password", Role.VIEWER, true, this::changePassword);
    }

    void login(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Credentials credentials = Json.read(request, Credentials.class);
        if (credentials.user() == null || credentials.password() == null) {
            throw ApiError.badRequest("send {\"user\": ..., \"password\": ...}");
        }
        try {
            Session session = security.login(credentials.user(), credentials.password().toCharArray(),
                    request.getRemoteAddr());
            response.addHeader("Set-Cookie", SecurityService.COOKIE + "=" + session.id()
                    + "; Path=/; HttpOnly; SameSite=Strict" + (request.isSecure() ? "; Secure" : ""));
            Json.send(response, 200, describe(security.session(session.id()).orElseThrow()));
        } catch (LoginDenied denied) {
            if (denied.retryAfterSeconds() > 0) {
                response.setHeader("Retry-After", Long.toString(denied.retryAfterSeconds()));
            }
            Json.error(response, denied.status(), denied.code(), denied.getMessage());
        }
    }

    private Object logout(Call call) {
        if (call.principal().session() != null) {
            security.logout(call.principal().session(), call.address());
        }
        call.response().addHeader("Set-Cookie", SecurityService.COOKIE + "=; Path=/; Max-Age=0; HttpOnly;"
                + " SameSite=Strict" + (call.request().isSecure() ? "; Secure" : ""));
        return Map.of("loggedOut", true);
    }

    private Object changePassword(Call call) throws Exception {
        PasswordChange change = call.body(PasswordChange.class);
        if (change.current() == null || change.password() == null) {
            throw ApiError.badRequest("send {\"current\": the current password, \"password\": the new one"
                    + " (at least 12 characters)}");
        }
        try {
            security.changePassword(call.principal(), change.current().toCharArray(), change.password().toCharArray(),
                    call.address());
        } catch (LoginDenied denied) {
            if (denied.status() == 401) {
                throw new ApiError(403, "wrong_password", "the current password is wrong");
            }
            throw new ApiError(denied.status(), denied.code(), denied.getMessage());
        }
        return Map.of("changed", true);
    }

    private static JsonObject describe(Principal principal) {
        JsonObject body = new JsonObject();
        body.addProperty("user", principal.user());
        body.addProperty("role", principal.role().id());
        body.addProperty("mustChangePassword", principal.mustChangePassword());
        if (principal.session() != null) {
            body.addProperty("csrfToken", principal.session().csrf());
        }
        return body;
    }
}
