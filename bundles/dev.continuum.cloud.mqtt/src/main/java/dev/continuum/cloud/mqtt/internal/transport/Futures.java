package dev.continuum.cloud.mqtt.internal.transport;

import java.util.concurrent.CompletableFuture;

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
}
