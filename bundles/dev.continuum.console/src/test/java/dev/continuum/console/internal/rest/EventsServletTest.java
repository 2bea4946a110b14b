package dev.continuum.console.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.console.internal.http.ApiError;
import org.junit.jupiter.api.Test;

class EventsServletTest {

    @Test
    void aStreamWithoutTopicsCarriesSamplesAndAPageMayAskForModelsToo() {
        assertThat(EventsServlet.topics(null)).containsExactly("samples");
        assertThat(EventsServlet.topics("")).containsExactly("samples");
        assertThat(EventsServlet.topics("models")).containsExactly("models");
        assertThat(EventsServlet.topics("samples, models,samples")).containsExactlyInAnyOrder("samples", "models");
    }

    @Test
    void anUnknownTopicIsRefusedNamingTheTopicsThereAre() {
        assertThatThrownBy(() -> EventsServlet.topics("samples,logs"))
                .isInstanceOf(ApiError.class)
                .hasMessageContaining("unknown topic 'logs'")
                .hasMessageContaining("samples")
                .hasMessageContaining("?stream=logs");
    }
}
