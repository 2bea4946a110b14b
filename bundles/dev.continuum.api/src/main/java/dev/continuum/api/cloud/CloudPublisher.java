package dev.continuum.api.cloud;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Publishes messages to one northbound endpoint through its durable outbox.
 *
 * <p><b>Threading.</b> Thread-safe: any number of threads may publish at once. {@link #publish} never
 * blocks on network I/O or on the disk: validation runs in the caller's thread, the outbox's writer thread
 * stores the message and completes the returned stage. Callers must not block inside the stage's
 * callbacks (they run on that writer thread, delaying every other publisher of the endpoint).
 *
 * <p><b>Ordering.</b> Messages of one priority leave the gateway in the order in which {@code publish}
 * calls returned; a lower {@link CloudMessage#priority()} number is sent first when both are waiting.
 *
 * <p><b>Lifecycle.</b> The service exists while its endpoint is configured; it stays usable while the
 * broker is unreachable (messages wait in the outbox). After the endpoint is removed, calls fail with
 * {@link CloudException.Reason#CLOSED}.
 */
@ProviderType
public interface CloudPublisher {

    /** Service property: the endpoint's name (its configuration's {@code name}), e.g. {@code cloud} or {@code mec}. */
    String ENDPOINT = "continuum.cloud.endpoint";

    /**
     * Service property: the route this publisher serves. Publishers name a route, not a broker: every
     * endpoint is the route of its own name ({@code mec}, {@code cloud}); {@link CloudRoute}s add the
     * composite ones ({@code mec-then-cloud}, {@code both}).
     */
    String ROUTE = "continuum.cloud.route";

    /**
     * Hands {@code message} to the endpoint's outbox.
     *
     * @return a stage that completes with the message's identity once it is accepted according to the
     *     endpoint's {@link DurabilityPolicy}, or exceptionally with a {@link CloudException} (bad topic,
     *     payload over the limit, outbox full, store failure, endpoint closed). Bad input is reported
     *     through the stage too, never thrown, and nothing accepted earlier is affected by it.
     */
    CompletionStage<Accepted> publish(CloudMessage message);

    /**
     * Publishes and waits for acceptance: a thin wrapper over {@link #publish} for callers that have a
     * thread to spare.
     *
     * @throws CloudException if the message was not accepted
     * @throws InterruptedException if the caller was interrupted while waiting (the flag is restored);
     *     the message may still be accepted
     */
    default Accepted publishAndWait(CloudMessage message) throws CloudException, InterruptedException {
        CompletableFuture<Accepted> future = publish(message).toCompletableFuture();
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CloudException cloud) {
                throw cloud;
            }
            throw new CloudException(CloudException.Reason.STORE_FAILURE, String.valueOf(e.getCause()), e.getCause());
        }
    }
}
