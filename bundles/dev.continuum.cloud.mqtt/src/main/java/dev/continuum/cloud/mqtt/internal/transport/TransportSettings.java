package dev.continuum.cloud.mqtt.internal.transport;

import java.util.List;
import java.util.function.Supplier;
import javax.net.SocketFactory;

/**
 * What a transport needs to connect.
 *
 * @param serverUris broker URIs tried in order (failover)
 * @param socketFactory TLS socket factory for ssl/wss URIs, or {@code null} for the JVM default
 * @param will the last will, asked for at every connect (Sparkplug's changes per connection); it may
 *     return {@code null} for none
 * @param sessionExpirySeconds MQTT 5 only; 0 = session ends with the connection
 * @param cleanStart MQTT 5 clean start / MQTT 3.1.1 clean session
 */
public record TransportSettings(List<String> serverUris, String clientId, String username, char[] password,
        SocketFactory socketFactory, boolean hostnameVerification, int keepAliveSeconds, boolean cleanStart,
        long sessionExpirySeconds, int maxInflight, int connectTimeoutSeconds, Supplier<Will> will) {

    /** In-flight publishes the transport allows beyond the sender's window (births, control replies, probes). */
    public static final int CONTROL_HEADROOM = 32;

    /** A last-will message. */
    public record Will(String topic, byte[] payload, int qos, boolean retain) {
    }
}
