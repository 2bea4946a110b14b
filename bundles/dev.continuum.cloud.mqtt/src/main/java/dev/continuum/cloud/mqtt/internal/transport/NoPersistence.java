package dev.continuum.cloud.mqtt.internal.transport;

import java.util.Collections;
import java.util.Enumeration;

/**
 * Paho's in-flight message store, kept nowhere. Paho reads its store only when a client is made (to resume a
 * previous client's session), and each transport makes its client once with an empty store: the
 * {@code MemoryPersistence} it used was written and cleared for every QoS 1 message (a synchronised
 * {@code Hashtable} put and remove, seen in the gateway's CPU profile) and never read. Resending after a
 * reconnect is unchanged: Paho resends from its in-memory session state, and the sender hands out everything
 * the outbox has not had acknowledged.
 */
final class NoPersistence {

    private NoPersistence() {
    }

    /** For Paho MQTT 3.1.1. */
    static final class V3 implements org.eclipse.paho.client.mqttv3.MqttClientPersistence {
        @Override
        public void open(String clientId, String serverUri) {
        }

        @Override
        public void close() {
        }

        @Override
        public void put(String key, org.eclipse.paho.client.mqttv3.MqttPersistable persistable) {
        }

        @Override
        public org.eclipse.paho.client.mqttv3.MqttPersistable get(String key) {
            return null;
        }

        @Override
        public void remove(String key) {
        }

        @Override
        public Enumeration<String> keys() {
            return Collections.emptyEnumeration();
        }

        @Override
        public void clear() {
        }

        @Override
        public boolean containsKey(String key) {
            return false;
        }
    }

    /** For Paho MQTT 5. */
    static final class V5 implements org.eclipse.paho.mqttv5.client.MqttClientPersistence {
        @Override
        public void open(String clientId) {
        }

        @Override
        public void close() {
        }

        @Override
        public void put(String key, org.eclipse.paho.mqttv5.common.MqttPersistable persistable) {
        }

        @Override
        public org.eclipse.paho.mqttv5.common.MqttPersistable get(String key) {
            return null;
        }

        @Override
        public void remove(String key) {
        }

        @Override
        public Enumeration<String> keys() {
            return Collections.emptyEnumeration();
        }

        @Override
        public void clear() {
        }

        @Override
        public boolean containsKey(String key) {
            return false;
        }
    }
}
