package dev.continuum.api.pipeline;

/**
 * Sends records to the components wired after the one that holds it.
 *
 * <p>Each outgoing wire is a bounded queue; depending on the wire's overflow policy {@link #emit} blocks
 * while the queue is full (BLOCK) or drops the oldest queued record and counts it (DROP_OLDEST). It
 * never drops silently. A chained wire (the only wire out of a component into a component with no other
 * input, see {@link ComponentFactory#ownThread()}) has no queue: {@code emit} calls the next component
 * directly and returns when it has handled the record.
 */
@FunctionalInterface
public interface Emitter {
    void emit(Record record);
}
