package dev.continuum.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProcessAgeTest {

    @Test
    void ageIsUptimeMinusTheStartTicksEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
        // Field 22 (start time) is 12345 ticks = 123.45 s after boot; uptime 125.00 s: 1.55 s old.
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 7 3 0 0 20 0 19 0 12345 "
                + "3000000000 27000 18446744073709551615 1 1 0 0 0 0 0 2 16800972 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcessAge.fromProc(stat, "125.00 240.11\n")).isEqualTo(1550);
    }

    @Test
    void thisProcessIsOlderThanZeroAndYoungerThanItsStartInstantSays() {
        long before = System.nanoTime();
        long age = ProcessAge.millis();
        long wholeSecondBootTime = ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis()).orElse(age);
        long betweenReads = (System.nanoTime() - before) / 1_000_000;
        assertThat(age).isPositive();
        // The two differ by the boot time's lost fraction of a second at most, plus the time between the reads.
        assertThat(Math.abs(wholeSecondBootTime - age)).isLessThan(1000 + betweenReads + 20);
    }
}
