package dev.continuum.api.pipeline;

import java.time.Instant;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One running component of a pipeline, created by a {@link ComponentFactory}.
 *
 * <p>Threading: the pipeline calls {@link #accept} and {@link #tick} one call at a time, always from the
 * same thread while the graph's shape stays the same; a component keeps its state in plain fields. That
 * thread may be shared with the components wired directly before and after it (chaining, see
 * {@link ComponentFactory#ownThread()}), so {@code accept} should not block; a component that must,
 * says so through its factory. Sources push records from their own threads through
 * {@link ComponentContext#output()}.
 */
@ConsumerType
public interface Component extends AutoCloseable {

    /** Handles one record from an input wire; emits zero or more records. */
    void accept(Record record, Emitter out) throws Exception;

    /**
     * Called about every {@link ComponentFactory#TICK_MILLIS} ms for time-based work (aggregation
     * intervals, timeouts); the default does nothing.
     */
    default void tick(Instant now, Emitter out) throws Exception {
    }

    /** Releases what the component holds (listeners, sessions); no more calls follow. */
    @Override
    default void close() {
    }
}
