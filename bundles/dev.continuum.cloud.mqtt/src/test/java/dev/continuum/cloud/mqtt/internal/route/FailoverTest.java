package dev.continuum.cloud.mqtt.internal.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.ConnectionState;
import dev.continuum.api.cloud.EndpointStatus;
import dev.continuum.api.cloud.RouteStatus;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailoverTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Router.Failover failover = new Router.Failover("mec-then-cloud", "mec", "cloud", 2_000, 5_000, 30,
            now::get);

    private static EndpointStatus mec(ConnectionState state, long rtt) {
        return new EndpointStatus("mec", state, "tcp://mec:1883", state == ConnectionState.CONNECTED ? "" : "refused",
                null, rtt, 0, 0, 1, null);
    }

    private void observe(EndpointStatus status, long afterMillis) {
        now.addAndGet(afterMillis);
        failover.observe(status);
    }

    @Test
    void failsOverOnlyAfterThePrimaryHasBeenDownForTheConfiguredTime() {
        observe(mec(ConnectionState.CONNECTED, 5), 0);
        observe(mec(ConnectionState.WAITING, 5), 200);
        observe(mec(ConnectionState.WAITING, 5), 1_700);
        assertThat(failover.active()).isEqualTo("mec");

        observe(mec(ConnectionState.WAITING, 5), 400);

        RouteStatus status = failover.status();
        assertThat(status.active()).isEqualTo("cloud");
        assertThat(status.failovers()).isEqualTo(1);
        assertThat(status.lastDecision()).isEqualTo("failed over from mec to cloud: mec is WAITING (refused) for 2100 ms");
    }

    @Test
    void aShortOutageOrAFlappingPrimaryDoesNotMoveIt() {
        for (int i = 0; i < 20; i++) {
            observe(mec(ConnectionState.WAITING, 5), 1_500);
            observe(mec(ConnectionState.CONNECTED, 5), 200);
        }
        assertThat(failover.status().failovers()).isZero();
        assertThat(failover.active()).isEqualTo("mec");
    }

    @Test
    void returnsOnlyAfterThePrimaryHasBeenHealthyForTheFailbackTime() {
        observe(mec(ConnectionState.WAITING, 5), 0);
        observe(mec(ConnectionState.WAITING, 5), 2_000);
        assertThat(failover.active()).isEqualTo("cloud");

        observe(mec(ConnectionState.CONNECTED, 5), 100);
        observe(mec(ConnectionState.CONNECTED, 5), 4_000);
        observe(mec(ConnectionState.WAITING, 5), 500);
        observe(mec(ConnectionState.CONNECTED, 5), 100);
        observe(mec(ConnectionState.CONNECTED, 5), 4_900);
        assertThat(failover.active()).as("the healthy period restarted after the relapse").isEqualTo("cloud");

        observe(mec(ConnectionState.CONNECTED, 5), 200);

        assertThat(failover.active()).isEqualTo("mec");
        assertThat(failover.status().failbacks()).isEqualTo(1);
        assertThat(failover.status().lastDecision()).startsWith("returned to mec: healthy again for 5100 ms");
    }

    @Test
    void aRoundTripOverTheBudgetCountsAsUnhealthy() {
        observe(mec(ConnectionState.CONNECTED, 80), 0);
        observe(mec(ConnectionState.CONNECTED, 80), 2_000);

        assertThat(failover.active()).isEqualTo("cloud");
        assertThat(failover.status().lastDecision()).contains("mec round trip 80 ms over its budget of 30 ms");
    }

    @Test
    void aMissingPrimaryIsUnhealthy() {
        observe(null, 0);
        observe(null, 2_000);
        assertThat(failover.status().lastDecision()).contains("mec is not configured");
    }
}
