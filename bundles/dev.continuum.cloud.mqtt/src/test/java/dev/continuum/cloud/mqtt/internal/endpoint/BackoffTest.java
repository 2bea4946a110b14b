package dev.continuum.cloud.mqtt.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesPerFailureUpToTheCap() {
        Backoff backoff = new Backoff(100, 1000);
        assertThat(backoff.ceiling(0)).isEqualTo(100);
        assertThat(backoff.ceiling(1)).isEqualTo(200);
        assertThat(backoff.ceiling(3)).isEqualTo(800);
        assertThat(backoff.ceiling(4)).isEqualTo(1000);
        assertThat(backoff.ceiling(1000)).isEqualTo(1000);
    }

    @Test
    void delaysAreJitteredBetweenHalfAndAllOfTheCeiling() {
        Backoff backoff = new Backoff(1000, 60_000);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long delay = backoff.delay(2);
            assertThat(delay).isBetween(2000L, 4000L);
            seen.add(delay);
        }
        assertThat(seen).as("jitter spreads the delays").hasSizeGreaterThan(50);
    }
}
