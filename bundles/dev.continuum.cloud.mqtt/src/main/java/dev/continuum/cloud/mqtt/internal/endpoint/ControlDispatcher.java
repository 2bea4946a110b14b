package dev.continuum.cloud.mqtt.internal.endpoint;

import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraPayloadCodec;
import dev.continuum.cloud.mqtt.kura.KuraRequest;
import dev.continuum.cloud.mqtt.kura.KuraRequestHandler;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import dev.continuum.cloud.mqtt.kura.KuraTopics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes control requests ({@code $EDC/account/client-id/app-id/METHOD/...}) to the {@link KuraRequestHandler}
 * whiteboard services by their app id, on one control thread per endpoint; an unknown app gets a 404 reply.
 */
final class ControlDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlDispatcher.class);

    private final String endpoint;
    private final KuraTopics topics;
    private final Supplier<dev.continuum.cloud.mqtt.internal.transport.MqttTransport> transport;
    private final ServiceTracker<KuraRequestHandler, KuraRequestHandler> handlers;
    private final ExecutorService executor;

    ControlDispatcher(BundleContext context, String endpoint, KuraTopics topics,
            Supplier<dev.continuum.cloud.mqtt.internal.transport.MqttTransport> transport) {
        this.endpoint = endpoint;
        this.topics = topics;
        this.transport = transport;
        this.handlers = new ServiceTracker<>(context, KuraRequestHandler.class, null);
        this.handlers.open();
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mqtt-control-" + endpoint);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The app ids of the registered handlers, comma separated (BIRTH's {@code application_ids}). */
    String appIds() {
        TreeSet<String> ids = new TreeSet<>();
        for (ServiceReference<KuraRequestHandler> reference : handlers.getServiceReferences() == null
                ? List.<ServiceReference<KuraRequestHandler>>of() : List.of(handlers.getServiceReferences())) {
            Object id = reference.getProperty(KuraRequestHandler.APP_ID);
            if (id != null) {
                ids.add(id.toString());
            }
        }
        return String.join(",", ids);
    }

    /** Called on the client library's thread: decodes and queues. */
    void dispatch(String topic, byte[] bytes) {
        KuraPayload payload;
        try {
            payload = KuraPayloadCodec.decode(bytes);
        } catch (RuntimeException e) {
            LOG.warn("MQTT endpoint {}: control message on {} is not a KuraPayload, ignored: {}", endpoint, topic,
                    e.toString());
            return;
        }
        KuraRequest request = KuraRequest.parse(topics.controlRoot(), topic, payload);
        if (request == null || request.appId().equals("MQTT")) {
            return;
        }
        executor.execute(() -> handle(request));
    }

    private void handle(KuraRequest request) {
        Responder responder = new Responder(request);
        if (request.requestId() == null || request.requesterClientId() == null) {
            LOG.warn("MQTT endpoint {}: {} {} without request.id or requester.client.id, ignored", endpoint,
                    request.appId(), request.path());
            return;
        }
        KuraRequestHandler handler = handler(request.appId());
        if (handler == null) {
            responder.reply(404, error("no app '" + request.appId() + "' on this gateway; apps: " + appIds()));
            return;
        }
        try {
            handler.handle(request, responder);
        } catch (RuntimeException e) {
            LOG.error("MQTT endpoint {}: app {} failed on {}", endpoint, request.appId(), request.path(), e);
            responder.reply(500, error(e.toString()));
        }
    }

    private KuraRequestHandler handler(String appId) {
        ServiceReference<KuraRequestHandler>[] references = handlers.getServiceReferences();
        if (references != null) {
            for (ServiceReference<KuraRequestHandler> reference : references) {
                if (appId.equals(reference.getProperty(KuraRequestHandler.APP_ID))) {
                    return handlers.getService(reference);
                }
            }
        }
        return null;
    }

    private static KuraPayload error(String message) {
        return new KuraPayload(System.currentTimeMillis(), Map.of(KuraResponder.EXCEPTION_MESSAGE, message), null);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        handlers.close();
    }

    /** Replies and notifies for one request, straight through the transport. */
    private final class Responder implements KuraResponder {
        private final KuraRequest request;

        Responder(KuraRequest request) {
            this.request = request;
        }

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

        private CompletableFuture<Void> publish(String topic, KuraPayload payload) {
            return transport.get().publish(topic, KuraPayloadCodec.encode(payload), 1, false);
        }
    }
}
