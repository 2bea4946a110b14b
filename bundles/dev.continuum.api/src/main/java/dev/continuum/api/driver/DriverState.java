package dev.continuum.api.driver;

/**
 * The connection state of a driver instance. Drivers of protocols without connections (GPIO) are
 * {@link #CONNECTED} while their device is open.
 */
public enum DriverState {
    /** Not connected and not trying to be (before {@link Driver#connect()}, after {@link Driver#disconnect()}). */
    DISCONNECTED,
    /** Trying to connect, or to reconnect after a loss; the driver retries on its own with back-off. */
    CONNECTING,
    /** Connected: reads, writes and subscriptions are served. */
    CONNECTED,
    /** Cannot connect as configured (untrusted certificate, refused security policy); not retrying until reconfigured or {@link Driver#connect()}. */
    FAILED
}
