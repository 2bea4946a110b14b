package dev.continuum.console.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.console.internal.security.Role;
import org.junit.jupiter.api.Test;

class RouterTest {

    private final Router router = new Router()
            .add("GET", "/models/{name}", Role.VIEWER, call -> "status")
            .add("POST", "/models/{name}/promote", Role.OPERATOR, call -> "promoted");

    @Test
    void matchesTemplatesAndDecodesPathParameters() {
        Router.Match match = router.match("POST", "/models/anomaly%20v2/promote").orElseThrow();
        assertThat(match.route().role()).isEqualTo(Role.OPERATOR);
        assertThat(match.params()).containsEntry("name", "anomaly v2");
        assertThat(router.match("GET", "/models/a/b")).isEmpty();
    }

    @Test
    void aKnownPathWithAnotherMethodIsA405NamingTheAllowedMethods() {
        assertThatThrownBy(() -> router.match("DELETE", "/models/x"))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(405);
                    assertThat(e.getMessage()).contains("use GET");
                });
    }

    @Test
    void aParameterNameMayHaveDigits() {
        Router withDigits = new Router().add("POST", "/certificates/{sha1}/trust", Role.ADMIN, call -> "trusted");
        assertThat(withDigits.match("POST", "/certificates/9BC0/trust").orElseThrow().params())
                .containsEntry("sha1", "9BC0");
    }
}
