package dev.continuum.console.internal.http;

import dev.continuum.console.internal.security.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps method + path (with {@code {name}} segments) to a handler and the least role it needs. */
public final class Router {

    /** Handles one call; the result is sent as JSON with status 200 unless it is a {@link Reply}. */
    @FunctionalInterface
    public interface Handler {
        Object handle(Call call) throws Exception;
    }

    /** A result with its own status. */
    public record Reply(int status, Object body) {
    }

    /** A matched route. */
    public record Match(Route route, Map<String, String> params) {
    }

    /** One route; {@code allowMustChange} for the few calls allowed before the password is changed. */
    public record Route(String method, String template, Pattern pattern, List<String> names, Role role,
            boolean allowMustChange, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String template, Role role, Handler handler) {
        return add(method, template, role, false, handler);
    }

    public Router add(String method, String template, Role role, boolean allowMustChange, Handler handler) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        routes.add(new Route(method, template, Pattern.compile(regex.toString()), names, role, allowMustChange,
                handler));
        return this;
    }

    /** The route for a method and path; a path known with another method gives a 405 {@link ApiError}. */
    public Optional<Match> match(String method, String path) {
        List<String> allowed = new ArrayList<>();
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(path);
            if (!m.matches()) {
                continue;
            }
            if (!route.method().equals(method)) {
                allowed.add(route.method());
                continue;
            }
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < route.names().size(); i++) {
                params.put(route.names().get(i), java.net.URLDecoder.decode(m.group(i + 1),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            return Optional.of(new Match(route, params));
        }
        if (!allowed.isEmpty()) {
            throw new ApiError(405, "method_not_allowed", method + " is not supported on " + path + "; use "
                    + String.join(" or ", allowed));
        }
        return Optional.empty();
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
