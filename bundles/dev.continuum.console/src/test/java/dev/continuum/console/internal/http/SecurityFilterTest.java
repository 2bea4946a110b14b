package dev.continuum.console.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class SecurityFilterTest {

    private static HttpServletRequest request(String method, String contentType, String action) {
        return (HttpServletRequest) Proxy.newProxyInstance(SecurityFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getContentType" -> contentType;
                    case "getParameter" -> "action".equals(args[0]) ? action : null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void refusesFelixConsoleUploadsAndInstallOrUpdateActions() {
        assertThat(SecurityFilter.unsignedInstall(request("POST", "multipart/form-data; boundary=x", null))).isTrue();
        assertThat(SecurityFilter.unsignedInstall(request("POST", "application/x-www-form-urlencoded", "install")))
                .isTrue();
        assertThat(SecurityFilter.unsignedInstall(request("POST", "application/x-www-form-urlencoded", " Update ")))
                .isTrue();
    }

    @Test
    void letsAdminsLookStartStopRefreshAndUninstall() {
        assertThat(SecurityFilter.unsignedInstall(request("GET", null, "install"))).isFalse();
        for (String action : new String[] {"start", "stop", "refresh", "uninstall", null}) {
            assertThat(SecurityFilter.unsignedInstall(request("POST", "application/x-www-form-urlencoded", action)))
                    .as(action).isFalse();
        }
    }
}
