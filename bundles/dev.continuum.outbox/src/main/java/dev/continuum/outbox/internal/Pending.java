package dev.continuum.outbox.internal;

import dev.continuum.api.cloud.DedupId;
import java.util.concurrent.CompletableFuture;

/** An appended record on its way to the store. */
record Pending(int priority, long sequence, byte[] stored, DedupId id, CompletableFuture<DedupId> future) {
}
