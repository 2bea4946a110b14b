package dev.continuum.api.pipeline;

/**
 * Counters of one running component since it was created.
 *
 * @param name the component's name
 * @param type its type
 * @param state RUNNING, or WAITING while its factory is missing (its input queue still buffers)
 * @param received records taken from its input queue
 * @param emitted records it emitted
 * @param queued records waiting in its input queue now
 * @param dropped records its input queue dropped by the DROP_OLDEST policy
 * @param failed records whose processing threw (logged; the record is lost and counted here)
 * @param p50Micros median processing time per record, microseconds
 * @param p99Micros 99th percentile processing time per record, microseconds
 */
public record ComponentStatus(String name, String type, String state, long received, long emitted, int queued,
        long dropped, long failed, double p50Micros, double p99Micros) {
}
