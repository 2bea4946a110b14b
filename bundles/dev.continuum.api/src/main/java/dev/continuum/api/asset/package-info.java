/**
 * Assets: named sets of channels bound to a driver instance, and the whiteboard that receives their samples.
 *
 * <p>An asset is a factory configuration (factory PID {@link dev.continuum.api.asset.AssetConfig#FACTORY_PID})
 * in Eclipse Kura's shape: {@code name}, {@code driver.instance}, and per channel
 * {@code CHANNEL#+type}, {@code CHANNEL#+value.type}, {@code CHANNEL#+scale}, ... for the generic part
 * and {@code CHANNEL#KEY} for the driver's own properties (see {@link dev.continuum.api.asset.AssetConfig}).
 * The asset subscribes its listening channels and hands every value, scaled and with its status, as a
 * {@link dev.continuum.api.data.Sample} with channel id {@code asset/channel} to each
 * {@link dev.continuum.api.asset.SampleListener} whose filter matches.
 */
@Version("1.0.0")
package dev.continuum.api.asset;

import org.osgi.annotation.versioning.Version;
