/** MQTT endpoint implementation: not exported. */
package dev.continuum.cloud.mqtt.internal;
