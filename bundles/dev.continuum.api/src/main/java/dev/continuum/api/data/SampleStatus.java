package dev.continuum.api.data;

/**
 * The quality of a sample, in the three classes OPC UA status codes fall into (Part 4, 7.39).
 * A driver never drops a bad reading: it delivers it with {@link #BAD} and a message.
 */
public enum SampleStatus {
    GOOD,
    UNCERTAIN,
    BAD
}
