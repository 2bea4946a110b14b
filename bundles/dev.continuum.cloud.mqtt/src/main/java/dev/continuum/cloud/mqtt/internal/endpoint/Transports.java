package dev.continuum.cloud.mqtt.internal.endpoint;

import dev.continuum.cloud.mqtt.internal.transport.MqttTransport;
import dev.continuum.cloud.mqtt.internal.transport.PahoV3Transport;
import dev.continuum.cloud.mqtt.internal.transport.PahoV5Transport;
import dev.continuum.cloud.mqtt.internal.transport.Tls;
import dev.continuum.cloud.mqtt.internal.transport.TransportSettings;
import dev.continuum.cloud.mqtt.internal.format.WireFormat;
import java.util.function.Supplier;

/** Creates the transport an endpoint's configuration asks for. */
final class Transports {

    private Transports() {
    }

    static MqttTransport create(EndpointSettings settings, Supplier<WireFormat.Publish> will,
            MqttTransport.Listener listener) {
        EndpointConfig config = settings.config();
        TransportSettings transport = new TransportSettings(settings.brokerUris(), config.clientId(), config.username(),
                config.password().toCharArray(),
                Tls.socketFactory(config.trustStore(), config.trustStorePassword().toCharArray(), config.keyStore(),
                        config.keyStorePassword().toCharArray()),
                config.hostnameVerification(), config.keepAliveSeconds(), config.cleanStart(),
                config.sessionExpirySeconds(), config.maxInflight(), config.connectTimeoutSeconds(), () -> {
                    WireFormat.Publish last = will.get();
                    return last == null ? null
                            : new TransportSettings.Will(last.topic(), last.payload(), last.qos(), last.retain());
                });
        try {
            return settings.mqtt5() ? new PahoV5Transport(transport, listener) : new PahoV3Transport(transport, listener);
        } catch (Exception e) {
            throw new IllegalArgumentException("MQTT endpoint '" + config.name() + "': client cannot be created for "
                    + settings.brokerUris() + ": " + e.getMessage(), e);
        }
    }
}
