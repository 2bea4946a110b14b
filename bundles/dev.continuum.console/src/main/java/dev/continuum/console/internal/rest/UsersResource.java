package dev.continuum.console.internal.rest;

import dev.continuum.console.internal.http.ApiError;
import dev.continuum.console.internal.http.Call;
import dev.continuum.console.internal.http.Router;
import dev.continuum.console.internal.security.Role;
import dev.continuum.console.internal.security.SecurityService;
import java.util.Map;

/** {@code /users} (admin): list, create or reset (role + initial password, changed at first login), remove. */
final class UsersResource {

    record UserChange(String role, String password) {
    }

    private final SecurityService security;

    UsersResource(SecurityService security) {
        this.security = security;
    }

    void register(Router router) {
        router.add("GET", "/users", Role.ADMIN, call -> security.listUsers());
        router.add("PUT", "/users/{name}", Role.ADMIN, this::put);
        router.add("DELETE", "/users/{name}", Role.ADMIN, this::delete);
    }

    private Object put(Call call) throws Exception {
        UserChange change = call.body(UserChange.class);
        if (change.role() == null || change.password() == null) {
            throw ApiError.badRequest("send {\"role\": \"admin\"|\"operator\"|\"viewer\", \"password\": an initial"
                    + " password of at least 12 characters, to be changed at first login}");
        }
        String name = call.param("name");
        boolean existed = security.users().find(name).isPresent();
        security.users().put(name, Role.parse(change.role()), change.password().toCharArray());
        security.forget(name);
        security.audit().record(call.user(), call.address(), existed ? "user.update" : "user.create",
                name + " as " + change.role());
        return new Router.Reply(existed ? 200 : 201, security.users().find(name).orElseThrow());
    }

    private Object delete(Call call) throws Exception {
        String name = call.param("name");
        if (!security.users().remove(name)) {
            throw ApiError.notFound("no user '" + name + "'");
        }
        security.forget(name);
        security.audit().record(call.user(), call.address(), "user.delete", name);
        return Map.of("deleted", name);
    }
}
