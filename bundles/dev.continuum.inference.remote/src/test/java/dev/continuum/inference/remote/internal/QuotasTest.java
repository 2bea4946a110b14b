package dev.continuum.inference.remote.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuotasTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void refusesWindowsBeyondTheBurstAndRefillsAtTheRate() {
        Quotas quotas = new Quotas(100, 50);

        assertThat(quotas.take("gw-1", 50, 0)).isTrue();
        assertThat(quotas.take("gw-1", 1, 0)).isFalse();
        assertThat(quotas.take("gw-1", 10, SECOND / 10)).isTrue();
        assertThat(quotas.take("gw-1", 1, SECOND / 10)).isFalse();
    }

    @Test
    void keepsOneBucketPerGateway() {
        Quotas quotas = new Quotas(10, 0);

        assertThat(quotas.take("gw-1", 10, 0)).isTrue();
        assertThat(quotas.take("gw-2", 10, 0)).isTrue();
        assertThat(quotas.take("gw-1", 1, 0)).isFalse();
    }

    @Test
    void rejectsAZeroRateNamingTheSetting() {
        assertThatThrownBy(() -> new Quotas(0, 0)).hasMessageContaining("quotaWindowsPerSecond");
    }
}
