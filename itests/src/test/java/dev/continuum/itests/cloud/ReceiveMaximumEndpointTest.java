package dev.continuum.itests.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.CloudMessage;
import dev.continuum.api.data.TypedValue;
import dev.continuum.cloud.mqtt.internal.endpoint.MqttEndpoint;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.Closer;
import dev.continuum.itests.support.MosquittoBroker;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A broker with Mosquitto's default in-flight limit (20; to MQTT 5 clients its Receive Maximum) and an endpoint
 * whose window is fifty times that: a burst of stored messages must still all be delivered, in one connection,
 * without waiting for a reconnect. Before the endpoint bounded its window by the broker's Receive Maximum, Paho
 * refused the MQTT 5 publishes beyond 20 and their records waited for the next connection: this failed on "5".
 */
class ReceiveMaximumEndpointTest {

    private static final int MESSAGES = 3000;

    private final Closer cleanup = new Closer();

    @AfterEach
    void cleanUp() throws Exception {
        cleanup.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "3.1.1"})
    void aBurstFarAboveTheBrokersInflightLimitIsDeliveredInOneConnection(String version) throws Exception {
        MosquittoBroker broker = cleanup.add(MosquittoBroker.start(List.of("max_inflight_messages 20")));
        RawSubscriber arrivals = cleanup.add(new RawSubscriber(broker.uri(), "continuum/#"));
        MqttEndpoint endpoint = MqttBench.endpoint(Files.createTempDirectory("receive-max-"), broker.uri(), "burst",
                1000, version, Map.of("clientId", "gw-burst", "format", "JSON",
                        "topicTemplate", "continuum/{gatewayId}/{asset}/{channel}"));
        cleanup.add(() -> MqttBench.close(endpoint));
        Await.until(Duration.ofSeconds(20), "connected", () -> endpoint.status().connects() == 1 ? true : null);
        List<CompletableFuture<?>> accepted = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            accepted.add(endpoint.publish(CloudMessage.builder("press-1/count").qos(1)
                    .metric("n", TypedValue.ofLong(i)).build()).toCompletableFuture());
        }
        CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        Await.until(Duration.ofSeconds(30), MESSAGES + " messages at the broker's subscriber",
                () -> arrivals.count(a -> a.topic().endsWith("/press-1/count")) >= MESSAGES ? true : null);
        assertThat(endpoint.status().connects()).as("no reconnect was needed to deliver them").isEqualTo(1);
    }
}
