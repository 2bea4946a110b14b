package dev.continuum.api.cloud;

/**
 * When a publish is confirmed to its caller, and what a confirmed message survives.
 *
 * <p>"Power cut" below means the machine stops without flushing the OS page cache; "process crash" means
 * the gateway JVM dies ({@code kill -9}, OOM) while the OS keeps running.
 */
public enum DurabilityPolicy {

    /**
     * Every message is written and {@code fsync}ed on its own before it is confirmed. Survives a power
     * cut. Throughput is bounded by the disk's fsync rate (hundreds to a few thousand per second).
     */
    SYNC_EACH,

    /**
     * Messages arriving together are written as one batch, the batch is {@code fsync}ed, and then every
     * message of the batch is confirmed. A batch closes when it holds the configured number of messages or
     * the configured number of milliseconds has passed since the previous fsync. Survives a power cut;
     * costs each message up to that many milliseconds of latency. The default.
     */
    GROUP_COMMIT,

    /**
     * Confirmed once queued in memory; nothing is written to disk. Lost on a process crash, a power cut or
     * a restart. Only for data that a user has explicitly declared expendable.
     */
    MEMORY
}
