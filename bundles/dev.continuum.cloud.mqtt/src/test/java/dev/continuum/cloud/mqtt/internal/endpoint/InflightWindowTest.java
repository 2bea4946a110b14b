package dev.continuum.cloud.mqtt.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InflightWindowTest {

    @Test
    void theSenderTakesEveryFreePermitUpToItsBatchAndTimesOutOnAFullWindow() throws Exception {
        InflightWindow window = new InflightWindow(10);

        assertThat(window.acquire(4, 1, TimeUnit.SECONDS)).isEqualTo(4);
        assertThat(window.acquire(512, 1, TimeUnit.SECONDS)).isEqualTo(6);
        assertThat(window.acquire(512, 50, TimeUnit.MILLISECONDS)).as("full: nothing within the timeout").isZero();
        window.release(3);
        assertThat(window.available()).isEqualTo(3);
        assertThat(window.acquire(512, 1, TimeUnit.SECONDS)).isEqualTo(3);
    }

    @Test
    void aSenderWaitingOnAFullWindowIsWokenByTheFirstAcknowledgement() throws Exception {
        InflightWindow window = new InflightWindow(2);
        window.acquire(2, 1, TimeUnit.SECONDS);

        CompletableFuture<Integer> refill = CompletableFuture.supplyAsync(() -> {
            try {
                return window.acquire(512, 30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        window.release(1); // one PUBACK, whether the sender is parked already or not yet

        assertThat(refill.get(10, TimeUnit.SECONDS)).as("woken by one permit, long before its 30 s timeout")
                .isEqualTo(1);
    }
}
