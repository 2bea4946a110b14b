package dev.continuum.cloud.mqtt.internal.transport;

/**
 * Installs {@link PahoLog} as the logger of both embedded Paho clients (their {@code LoggerFactory.setLogger}
 * takes a class name that Paho instantiates for every logger it makes). The Paho classes are private to this
 * bundle, so nothing outside it is affected.
 */
final class PahoLogging {

    static {
        org.eclipse.paho.client.mqttv3.logging.LoggerFactory.setLogger(V3.class.getName());
        org.eclipse.paho.mqttv5.client.logging.LoggerFactory.setLogger(V5.class.getName());
    }

    private PahoLogging() {
    }

    /** Idempotent; called before any Paho client is made. */
    static void install() {
        // the static initialiser did it
    }

    /** Paho MQTT 3.1.1's logger (public with a public constructor: Paho instantiates it reflectively). */
    public static final class V3 extends PahoLog implements org.eclipse.paho.client.mqttv3.logging.Logger {
        public V3() {
        }
    }

    /** Paho MQTT 5's logger. */
    public static final class V5 extends PahoLog implements org.eclipse.paho.mqttv5.client.logging.Logger {
        public V5() {
        }
    }
}
