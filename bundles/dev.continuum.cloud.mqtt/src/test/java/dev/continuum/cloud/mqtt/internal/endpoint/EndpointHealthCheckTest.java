package dev.continuum.cloud.mqtt.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.CloudEndpoint;
import dev.continuum.api.cloud.ConnectionState;
import dev.continuum.api.cloud.DurabilityPolicy;
import dev.continuum.api.cloud.EndpointStatus;
import dev.continuum.api.cloud.OutboxStatus;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

class EndpointHealthCheckTest {

    private static final EndpointStatus CONNECTED = new EndpointStatus("cloud", ConnectionState.CONNECTED,
            "tcp://b:1883", null, null, 3, 10, 10, 1,
            new OutboxStatus(0, 0, 1 << 20, 0, 0, 0, 0, DurabilityPolicy.GROUP_COMMIT, null));

    @Test
    void isCriticalWithTheReasonWhileTheOutboxRefusesWritesAndOkAgainAfterwards() {
        AtomicReference<String> refusal = new AtomicReference<>("outbox cloud: disk full (No space left on device)");
        CloudEndpoint endpoint = new CloudEndpoint() {
            @Override
            public String name() {
                return "cloud";
            }

            @Override
            public EndpointStatus status() {
                return CONNECTED;
            }
        };
        EndpointHealthCheck check = new EndpointHealthCheck(endpoint, refusal::get);

        Result full = check.execute();
        assertThat(full.getStatus()).isEqualTo(Result.Status.CRITICAL);
        assertThat(full.toString()).contains("publishers are refused").contains("disk full");

        refusal.set(null);
        assertThat(check.execute().getStatus()).isEqualTo(Result.Status.OK);
    }
}
