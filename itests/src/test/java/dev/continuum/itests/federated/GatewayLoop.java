package dev.continuum.itests.federated;

import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraPayloadCodec;
import dev.continuum.cloud.mqtt.kura.KuraRequest;
import dev.continuum.cloud.mqtt.kura.KuraRequestHandler;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import dev.continuum.cloud.mqtt.kura.KuraTopics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A light gateway for tests: one MQTT connection under the gateway's client id that routes its control
 * requests to one Kura request handler, on one control thread, and publishes the handler's replies and
 * notifications where Kura's conventions put them (what the cloud MQTT endpoint does inside the runtime).
 */
final class GatewayLoop implements AutoCloseable {

    private final MqttClient client;
    private final KuraTopics topics;
    private final ExecutorService control;

    GatewayLoop(String brokerUri, String account, String clientId, KuraRequestHandler handler) throws MqttException {
        this.topics = new KuraTopics("$EDC", account, clientId);
        this.control = Executors.newSingleThreadExecutor(r -> new Thread(r, "control-" + clientId));
        this.client = new MqttClient(brokerUri, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(100);
        client.connect(options);
        client.subscribe(topics.controlSubscription(), 1, (topic, message) -> {
            KuraRequest request = KuraRequest.parse(topics.controlRoot(), topic,
                    KuraPayloadCodec.decode(message.getPayload()));
            if (request != null) {
                control.execute(() -> handler.handle(request, responder(request)));
            }
        });
    }

    private KuraResponder responder(KuraRequest request) {
        return new KuraResponder() {
            @Override
            public CompletableFuture<Void> reply(int code, KuraPayload payload) {
                Map<String, Object> metrics = new LinkedHashMap<>(payload.metrics());
                metrics.put(RESPONSE_CODE, code);
                return publish(topics.reply(request.requesterClientId(), request.appId(), request.requestId()),
                        new KuraPayload(payload.timestamp(), metrics, payload.body()));
            }

            @Override
            public CompletableFuture<Void> notify(String resource, KuraPayload payload) {
                return publish(topics.notify(request.requesterClientId(), request.appId(), resource), payload);
            }
        };
    }

    private CompletableFuture<Void> publish(String topic, KuraPayload payload) {
        try {
            client.publish(topic, KuraPayloadCodec.encode(payload), 1, false);
            return CompletableFuture.completedFuture(null);
        } catch (MqttException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() throws MqttException {
        control.shutdownNow();
        client.disconnect();
        client.close();
    }
}
