package dev.continuum.itests.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.continuum.api.cloud.CloudException;
import dev.continuum.api.cloud.CloudMessage;
import dev.continuum.api.data.TypedValue;
import dev.continuum.cloud.mqtt.internal.endpoint.MqttEndpoint;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.Closer;
import dev.continuum.itests.support.MosquittoBroker;
import dev.continuum.itests.support.SmallFilesystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Disk full under a real endpoint: its outbox lives on a 3 MiB tmpfs and fills it while the broker is
 * unreachable (paused). Publishers must get STORE_FAILURE naming disk full; once the broker is back every
 * confirmed message must arrive; once the filesystem grows, publishing must work again; and the endpoint
 * must stop.
 */
class DiskFullEndpointTest {

    private static final long SMALL = 3L << 20;
    private final Closer cleanup = new Closer();

    @AfterEach
    void cleanUp() throws Exception {
        cleanup.close();
    }

    @Test
    void publishersGetDiskFullStoredMessagesAreDeliveredAndPublishingResumesWhenSpaceReturns() throws Exception {
        SmallFilesystem fs = SmallFilesystem.mount(Files.createTempDirectory("disk-full-"), SMALL);
        cleanup.add(fs);
        MosquittoBroker broker = MosquittoBroker.start();
        cleanup.add(broker);
        Subscriber subscriber = new Subscriber(broker.uri(), "sub-full", "acme/gw-full/#").connect();
        cleanup.add(subscriber);
        broker.pause();
        Path data = fs.dir();
        MqttEndpoint endpoint = MqttBench.endpoint(data, broker.uri(), "full", 200, "3.1.1",
                Map.of("clientId", "gw-full", "account", "acme", "connectTimeoutSeconds", 1));

        Set<Long> confirmed = new TreeSet<>();
        Throwable failure = null;
        for (int round = 0; failure == null && round < 10_000; round++) {
            List<CompletableFuture<?>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(endpoint.publish(message(round * 50 + i)).toCompletableFuture()
                        .thenAccept(accepted -> {
                            synchronized (confirmed) {
                                confirmed.add(accepted.id().sequence());
                            }
                        }));
            }
            for (CompletableFuture<?> future : futures) {
                try {
                    future.get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                }
            }
        }
        assertThat(confirmed).hasSizeGreaterThan(1000);
        assertDiskFull(failure);
        assertThat(endpoint.status().outbox().storeError()).as("the endpoint's status names the store failure")
                .contains("disk full").contains("No space left on device");

        broker.resume();
        Await.until(Duration.ofSeconds(60), "every confirmed message delivered",
                () -> DeliveryCheck.of(confirmed, sequences(subscriber)).lost() == 0);
        // the subscriber can see a message before the endpoint has processed its PUBACK
        Await.until(Duration.ofSeconds(10), "outbox empty", () -> endpoint.status().outbox().messages() == 0);

        fs.grow(4 * SMALL);
        Long resumed = Await.until(Duration.ofSeconds(30), "publishing accepted again", () -> {
            try {
                return endpoint.publish(message(-1)).toCompletableFuture().get(10, TimeUnit.SECONDS).id().sequence();
            } catch (ExecutionException e) {
                assertDiskFull(e.getCause());
                return null;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Await.until(Duration.ofSeconds(30), "the message accepted after the space returned is delivered",
                () -> sequences(subscriber).contains(resumed));
        assertThat(endpoint.status().outbox().storeError()).as("no store error once writes succeed").isNull();
        DeliveryCheck check = DeliveryCheck.of(confirmed, sequences(subscriber));
        assertThat(check.lost()).as("%s", check).isZero();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> MqttBench.close(endpoint));
    }

    private static CloudMessage message(int n) {
        return CloudMessage.builder("full/data").metric("n", TypedValue.ofInteger(n)).body(new byte[150]).build();
    }

    private static List<Long> sequences(Subscriber subscriber) {
        return subscriber.received().stream().map(Subscriber.Received::sequence).toList();
    }

    private static void assertDiskFull(Throwable error) {
        assertThat(error).isInstanceOf(CloudException.class).hasMessageContaining("disk full")
                .hasMessageContaining("No space left on device");
        assertThat(((CloudException) error).reason()).isEqualTo(CloudException.Reason.STORE_FAILURE);
    }
}
