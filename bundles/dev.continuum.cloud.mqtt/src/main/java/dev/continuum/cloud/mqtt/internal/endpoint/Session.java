package dev.continuum.cloud.mqtt.internal.endpoint;

/**
 * One established connection: its number, when it was established (records accepted before it are
 * historical) and its in-flight window. Completions of an older session never release into a newer window.
 */
record Session(long generation, long connectedAtMillis, InflightWindow window) {

    static Session next(long generation, int maxInflight) {
        return new Session(generation, System.currentTimeMillis(), new InflightWindow(maxInflight));
    }
}
