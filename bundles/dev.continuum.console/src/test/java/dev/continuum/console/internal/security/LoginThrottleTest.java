package dev.continuum.console.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle throttle = new LoginThrottle(now::get);

    @Test
    void locksAnAddressOutAfterFiveFailuresAndDoublesTheLockOnEachFurtherFailure() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.lockedFor("10.0.0.1")).isZero();

        throttle.failed("10.0.0.1");
        assertThat(throttle.lockedFor("10.0.0.1")).isEqualTo(LoginThrottle.FIRST_LOCK_MILLIS);
        assertThat(throttle.lockedFor("10.0.0.2")).isZero();

        now.addAndGet(LoginThrottle.FIRST_LOCK_MILLIS);
        throttle.failed("10.0.0.1");
        assertThat(throttle.lockedFor("10.0.0.1")).isEqualTo(2 * LoginThrottle.FIRST_LOCK_MILLIS);
    }

    @Test
    void aSuccessfulLoginClearsTheFailures() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("10.0.0.1");
        }
        throttle.succeeded("10.0.0.1");
        throttle.failed("10.0.0.1");

        assertThat(throttle.lockedFor("10.0.0.1")).isZero();
    }

    @Test
    void theLockNeverExceedsFifteenMinutes() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.lockedFor("10.0.0.1")).isEqualTo(LoginThrottle.MAX_LOCK_MILLIS);
    }
}
