package dev.continuum.placement.internal.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeterTest {

    private static final long MS = 1_000_000L;

    @Test
    void summarisesOnlyTheSamplesInsideTheSpan() {
        Meter meter = new Meter();
        meter.record(0, 80, true);
        for (int i = 1; i <= 100; i++) {
            meter.record(2000 * MS + i * MS, i, false);
        }

        Meter.Summary recent = meter.summary(2100 * MS, 1000 * MS);

        assertThat(recent.samples()).isEqualTo(100);
        assertThat(recent.p50Millis()).isEqualTo(50);
        assertThat(recent.p99Millis()).isEqualTo(99);
        assertThat(recent.errorRate()).isZero();
    }

    @Test
    void countsFailuresInTheErrorRate() {
        Meter meter = new Meter();
        for (int i = 0; i < 10; i++) {
            meter.record(i * MS, 25, i < 3);
        }

        assertThat(meter.summary(10 * MS, 1000 * MS).errorRate()).isEqualTo(0.3);
    }

    @Test
    void hasNoPercentilesWithoutSamples() {
        Meter.Summary empty = new Meter().summary(0, 1000 * MS);

        assertThat(empty.samples()).isZero();
        assertThat(empty.p99Millis()).isNaN();
        assertThat(empty.costMicros()).isNaN();
    }
}
