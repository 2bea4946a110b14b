package dev.continuum.opcua.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void growsExponentiallyWithJitterAndNeverExceedsTheCap() {
        Backoff backoff = new Backoff(250, 4000);
        long first = backoff.next();
        long second = backoff.next();
        assertThat(first).isBetween(200L, 300L);
        assertThat(second).isBetween(400L, 600L);
        for (int i = 0; i < 50; i++) {
            assertThat(backoff.next()).isBetween(1L, 4000L);
        }
        backoff.reset();
        assertThat(backoff.next()).isBetween(200L, 300L);
    }
}
