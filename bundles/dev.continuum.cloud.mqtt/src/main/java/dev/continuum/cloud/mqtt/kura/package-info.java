/**
 * The Kura/Kapua wire format: the KuraPayload protobuf ({@code kurapayload.proto}, package
 * {@code kuradatatypes}) and the MQTT topic namespace, written from the protocol's published description so
 * that a Kura/Kapua-managed fleet can read Continuum's messages. Used by the MQTT endpoints and by
 * request handlers of the remote-management apps.
 *
 * @see <a href="https://eclipse.github.io/kura/docs-release-5.6/core-services/cloud-connections/">Kura cloud
 *     connections</a>
 */
@Version("1.2.0")
package dev.continuum.cloud.mqtt.kura;

import org.osgi.annotation.versioning.Version;
