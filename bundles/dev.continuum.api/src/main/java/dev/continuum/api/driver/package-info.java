/**
 * The driver contract: how the gateway talks to a field protocol (OPC UA, GPIO, Modbus, ...).
 *
 * <p>A driver is a DS service implementing {@link dev.continuum.api.driver.Driver}; each driver
 * <em>instance</em> (one OPC UA server, one GPIO bank) is a factory configuration, and the service
 * carries {@link dev.continuum.api.driver.Driver#INSTANCE} so that assets can bind to it by name.
 * Assets ({@code dev.continuum.api.asset}) describe channels with {@link
 * dev.continuum.api.driver.ChannelConfig}; the driver addresses them with the channel's driver-specific
 * properties (an OPC UA node id, a pin number).
 *
 * <p>The shapes follow Eclipse Kura's driver/asset/channel model (channel modes READ, WRITE,
 * READ_WRITE; Kura's value types) so that Kura's ASSET-V1 remote protocol can be served.
 */
@Version("1.0.0")
package dev.continuum.api.driver;

import org.osgi.annotation.versioning.Version;
