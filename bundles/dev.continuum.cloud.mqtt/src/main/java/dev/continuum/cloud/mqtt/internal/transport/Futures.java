package dev.continuum.cloud.mqtt.internal.transport;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Turning client calls that may throw into failed futures. */
final class Futures {

    /** A client call that may throw a checked exception. */
    interface Call<T> {
        void run(CompletableFuture<T> future) throws Exception;
    }

    private Futures() {
    }

    static <T> CompletableFuture<T> call(Call<T> call) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            call.run(future);
        } catch (Exception e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    /** A {@link MqttTransport.Done} that completes {@code future} with {@code value} or fails it. */
    static <T> MqttTransport.Done completing(CompletableFuture<T> future, Supplier<T> value) {
        return error -> {
            if (error == null) {
                future.complete(value.get());
            } else {
                future.completeExceptionally(error);
            }
        };
    }
}
