package dev.continuum.cloud.mqtt.internal.transport;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * {@link MqttTransport} on Paho's MQTT 5 asynchronous client. The number of QoS 1 messages in flight is
 * the smaller of the configured maximum and the broker's Receive Maximum (Mosquitto: max_inflight_messages).
 */
public final class PahoV5Transport implements MqttTransport {

    /** MQTT 5's Receive Maximum when the CONNACK carries none. */
    static final int MAX_RECEIVE = 65_535;

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options = new MqttConnectionOptions();
    private final Supplier<TransportSettings.Will> will;
    /** The socket factory whose output coalesces data publishes. */
    private final BufferedSocketFactory coalescing;
    /** The broker's Receive Maximum from the last CONNACK. */
    private volatile int sendQuota = MAX_RECEIVE;

    public PahoV5Transport(TransportSettings settings, Listener listener) throws MqttException {
        PahoLogging.install();
        this.will = settings.will();
        this.client = new MqttAsyncClient(settings.serverUris().get(0), settings.clientId(), new NoPersistence.V5());
        options.setServerURIs(settings.serverUris().toArray(String[]::new));
        options.setCleanStart(settings.cleanStart());
        options.setSessionExpiryInterval(settings.sessionExpirySeconds());
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setReceiveMaximum(settings.maxInflight());
        options.setConnectionTimeout(settings.connectTimeoutSeconds());
        options.setAutomaticReconnect(false);
        options.setHttpsHostnameVerificationEnabled(settings.hostnameVerification());
        if (!settings.username().isEmpty()) {
            options.setUserName(settings.username());
            options.setPassword(new String(settings.password()).getBytes(StandardCharsets.UTF_8));
        }
        SocketFactory sockets = BufferedSocketFactory.choose(settings);
        if (sockets != null) {
            options.setSocketFactory(sockets);
        }
        // TLS and WebSocket brokers: a factory that never makes a socket, so nothing is ever held
        this.coalescing = sockets instanceof BufferedSocketFactory buffered ? buffered : new BufferedSocketFactory();
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                Throwable cause = response.getException();
                listener.connectionLost(cause != null ? cause
                        : new IllegalStateException("broker disconnected: reason " + response.getReturnCode() + " "
                                + response.getReasonString()));
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                // reported through the failed operation's future
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                listener.messageArrived(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
                // completion is reported per publish through its action listener
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                // reported through connect()'s future
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
                // no enhanced authentication
            }
        });
    }

    @Override
    public CompletableFuture<String> connect() {
        TransportSettings.Will last = will.get();
        if (last != null) {
            MqttMessage message = new MqttMessage(last.payload());
            message.setQos(last.qos());
            message.setRetained(last.retain());
            options.setWill(last.topic(), message);
        }
        return Futures.call(future -> client.connect(options, null, new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                MqttProperties connack = token.getResponseProperties();
                Integer receiveMaximum = connack == null ? null : connack.getReceiveMaximum();
                sendQuota = receiveMaximum == null || receiveMaximum < 1 ? MAX_RECEIVE : receiveMaximum;
                future.complete(client.getCurrentServerURI());
            }

            @Override
            public void onFailure(IMqttToken token, Throwable exception) {
                future.completeExceptionally(exception);
            }
        }));
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        return Futures.call(future -> client.publish(topic, payload, qos, retain, null, listener(future, () -> null)));
    }

    @Override
    public int sendQuota() {
        return sendQuota;
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retain, Done done) {
        // Paho v5 may keep an accepted publish queued until PUBACKs free a slot under the broker's Receive
        // Maximum; what was held back for it is written out by the sender's releaseHeld within a bound
        BufferedSocketFactory.Output held = coalescing.expect(qos);
        try {
            client.publish(topic, payload, qos, retain, null, listener(done));
        } catch (MqttException | RuntimeException e) {
            if (held != null) {
                held.cancel();
            }
            done.done(e);
        }
    }

    @Override
    public CompletableFuture<Void> subscribe(String filter, int qos) {
        return Futures.call(future -> client.subscribe(filter, qos, null, listener(future, () -> null)));
    }

    @Override
    public CompletableFuture<Void> disconnect(long quiesceMillis) {
        stopHolding();
        return Futures.call(future -> client.disconnect(quiesceMillis, null, listener(future, () -> null), 0,
                new MqttProperties()));
    }

    @Override
    public boolean releaseHeld(long maxNanos) {
        return coalescing.releaseHeld(maxNanos);
    }

    @Override
    public void stopHolding() {
        coalescing.stopHolding();
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1000, false);
            }
            client.close(true);
        } catch (MqttException e) {
            // closing: nothing left to tell anyone
        }
    }

    private static <T> MqttActionListener listener(CompletableFuture<T> future, java.util.function.Supplier<T> value) {
        return listener(Futures.completing(future, value));
    }

    private static MqttActionListener listener(Done done) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                done.done(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable exception) {
                done.done(exception);
            }
        };
    }
}
