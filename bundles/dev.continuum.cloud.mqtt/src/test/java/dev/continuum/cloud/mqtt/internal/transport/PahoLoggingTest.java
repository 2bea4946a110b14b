package dev.continuum.cloud.mqtt.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PahoLoggingTest {

    private final Logger paho = (Logger) LoggerFactory.getLogger("org.eclipse.paho");
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void capturePahoLog() {
        events.start();
        paho.addAppender(events);
        paho.setAdditive(false);
    }

    @AfterEach
    void restore() {
        paho.detachAppender(events);
        paho.setAdditive(true);
        paho.setLevel(null);
    }

    @Test
    void pahoWarningsAndErrorsReachSlf4jWithTheCatalogText() {
        PahoLogging.install();
        var v3 = org.eclipse.paho.client.mqttv3.logging.LoggerFactory.getLogger(
                org.eclipse.paho.client.mqttv3.logging.LoggerFactory.MQTT_CLIENT_MSG_CAT,
                "org.eclipse.paho.client.mqttv3.internal.ClientState");
        var v5 = org.eclipse.paho.mqttv5.client.logging.LoggerFactory.getLogger(
                org.eclipse.paho.mqttv5.client.logging.LoggerFactory.MQTT_CLIENT_MSG_CAT,
                "org.eclipse.paho.mqttv5.client.internal.ClientState");
        IOException disk = new IOException("disk gone");

        v3.warning("ClientState", "persistBufferedMessage", "515", null, disk);
        v5.severe("ClientState", "checkForActivity", "619", new Object[] {30, 1, 2, 3, 4});

        assertThat(v3).isInstanceOf(PahoLogging.V3.class);
        assertThat(v5).isInstanceOf(PahoLogging.V5.class);
        assertThat(events.list).hasSize(2);
        ILoggingEvent warning = events.list.get(0);
        assertThat(warning.getLevel()).isEqualTo(Level.WARN);
        assertThat(warning.getLoggerName()).isEqualTo("org.eclipse.paho.client.mqttv3.internal.ClientState");
        assertThat(warning.getFormattedMessage())
                .isEqualTo("persistBufferedMessage: 515 Could not Persist, attempting to Re-Open Persistence Store");
        assertThat(warning.getThrowableProxy().getMessage()).isEqualTo("disk gone");
        ILoggingEvent error = events.list.get(1);
        assertThat(error.getLevel()).isEqualTo(Level.ERROR);
        assertThat(error.getFormattedMessage()).isEqualTo("checkForActivity: 619 Timed out as no activity, keepAlive=30"
                + " lastOutboundActivity=1 lastInboundActivity=2 time=3 lastPing=4");
    }

    @Test
    void pahoTraceIsDroppedUnlessEnabled() {
        PahoLogging.install();
        var v3 = org.eclipse.paho.client.mqttv3.logging.LoggerFactory.getLogger(
                org.eclipse.paho.client.mqttv3.logging.LoggerFactory.MQTT_CLIENT_MSG_CAT, "org.eclipse.paho.test");

        v3.fine("Test", "send", "500", new Object[] {"client"});
        assertThat(v3.isLoggable(org.eclipse.paho.client.mqttv3.logging.Logger.FINE)).isFalse();
        assertThat(events.list).isEmpty();

        paho.setLevel(Level.TRACE);
        v3.fine("Test", "send", "500", new Object[] {"client"});
        v3.finest("Test", "send", "not-in-catalog", new Object[] {7});
        assertThat(events.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.DEBUG, Level.TRACE);
        assertThat(events.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("send: 500 Attempting to reconnect client: client", "send: not-in-catalog [7]");
    }

    @Test
    void bothClientsLogThroughSlf4jWhileConnecting() throws Exception {
        paho.setLevel(Level.TRACE);
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        TransportSettings settings = new TransportSettings(List.of("tcp://127.0.0.1:" + closed), "log-test", "",
                new char[0], null, true, 30, true, 0, 10, 5, () -> null);
        MqttTransport.Listener ignored = new MqttTransport.Listener() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, byte[] payload) {
            }
        };
        List<MqttTransport> transports = List.of(new PahoV3Transport(settings, ignored),
                new PahoV5Transport(settings, ignored));
        for (MqttTransport transport : transports) {
            try {
                assertThatThrownBy(() -> transport.connect().get(10, TimeUnit.SECONDS))
                        .as("nothing listens on port %d", closed).hasCauseInstanceOf(Exception.class);
            } finally {
                transport.close();
            }
        }

        assertThat(events.list).extracting(ILoggingEvent::getLoggerName)
                .contains("org.eclipse.paho.client.mqttv3.internal.ClientComms",
                        "org.eclipse.paho.mqttv5.client.internal.ClientComms");
    }
}
