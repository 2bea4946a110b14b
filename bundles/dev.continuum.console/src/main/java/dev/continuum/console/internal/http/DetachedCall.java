package dev.continuum.console.internal.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import dev.continuum.console.internal.security.Principal;
import java.util.Map;

/**
 * A {@link Call} that did not come over HTTP (a remote management app): a request that offers the
 * method, path, JSON body and caller, and a response that nothing may write to. Handlers that need more
 * of HTTP (uploads, cookies) fail with a message naming what they asked for.
 */
public final class DetachedCall {

    private DetachedCall() {
    }

    public static Call of(Principal principal, String method, String path, String body, Map<String, String> params) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(DetachedCall.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getPathInfo", "getRequestURI" -> path;
                    case "getContentType" -> bytes.length == 0 ? null : "application/json";
                    case "getContentLengthLong" -> (long) bytes.length;
                    case "getContentLength" -> bytes.length;
                    case "getReader" -> new BufferedReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
                    case "getRemoteAddr" -> principal.user();
                    case "isSecure" -> true;
                    case "getParameter", "getHeader", "getQueryString" -> null;
                    case "toString" -> "detached " + method + " " + path;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method + " " + path
                            + " needs HTTP (" + m.getName() + "); use the REST API for it");
                });
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                DetachedCall.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "isCommitted" -> false;
                    case "toString" -> "detached response";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method + " " + path
                            + " needs HTTP (" + m.getName() + "); use the REST API for it");
                });
        return new Call(principal, request, response, params);
    }
}
