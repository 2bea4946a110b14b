package dev.continuum.cloud.mqtt.internal.transport;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/** {@link MqttTransport} on Paho's MQTT 3.1.1 asynchronous client. */
public final class PahoV3Transport implements MqttTransport {

    private final MqttAsyncClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final Supplier<TransportSettings.Will> will;
    /** The socket factory whose output coalesces data publishes. */
    private final BufferedSocketFactory coalescing;

    public PahoV3Transport(TransportSettings settings, Listener listener) throws MqttException {
        PahoLogging.install();
        this.will = settings.will();
        this.client = new MqttAsyncClient(settings.serverUris().get(0), settings.clientId(), new NoPersistence.V3());
        options.setServerURIs(settings.serverUris().toArray(String[]::new));
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(settings.cleanStart());
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        // headroom over the sender's window for births, control replies and round-trip probes, which are
        // published outside it: Paho refuses any publish, even QoS 0, once its in-flight count is reached
        options.setMaxInflight(settings.maxInflight() + TransportSettings.CONTROL_HEADROOM);
        options.setConnectionTimeout(settings.connectTimeoutSeconds());
        options.setAutomaticReconnect(false);
        options.setHttpsHostnameVerificationEnabled(settings.hostnameVerification());
        if (!settings.username().isEmpty()) {
            options.setUserName(settings.username());
            options.setPassword(settings.password());
        }
        SocketFactory sockets = BufferedSocketFactory.choose(settings);
        if (sockets != null) {
            options.setSocketFactory(sockets);
        }
        // TLS and WebSocket brokers: a factory that never makes a socket, so nothing is ever held
        this.coalescing = sockets instanceof BufferedSocketFactory buffered ? buffered : new BufferedSocketFactory();
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                listener.connectionLost(cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                listener.messageArrived(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // completion is reported per publish through its action listener
            }
        });
    }

    @Override
    public CompletableFuture<String> connect() {
        TransportSettings.Will last = will.get();
        if (last != null) {
            options.setWill(last.topic(), last.payload(), last.qos(), last.retain());
        }
        return Futures.call(future -> client.connect(options, null, listener(future, client::getCurrentServerURI)));
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        return Futures.call(future -> client.publish(topic, payload, qos, retain, null, listener(future, () -> null)));
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retain, Done done) {
        BufferedSocketFactory.Output held = coalescing.expect(qos);
        try {
            client.publish(topic, new UncopiedMessage(payload, qos, retain), null, listener(done));
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
        return Futures.call(future -> client.disconnect(quiesceMillis, null, listener(future, () -> null)));
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

    private static <T> IMqttActionListener listener(CompletableFuture<T> future, java.util.function.Supplier<T> value) {
        return listener(Futures.completing(future, value));
    }

    private static IMqttActionListener listener(Done done) {
        return new IMqttActionListener() {
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
