package dev.continuum.api.asset;

import dev.continuum.api.data.Sample;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.WriteResult;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A configured asset, registered as a service with {@link #NAME} while its configuration is valid.
 *
 * <p>The asset stays registered while its driver is missing or disconnected (for example during an
 * update of the driver's bundle): it re-binds when a driver with its {@code driver.instance} appears, and
 * reads and writes fail meanwhile with a {@link dev.continuum.api.driver.DriverException} saying so.
 *
 * <p>Thread-safe; nothing blocks on I/O.
 */
@ProviderType
public interface Asset {

    /** Service property: the asset's name. */
    String NAME = "asset.name";

    /** The asset's name. */
    String name();

    /** The name of the driver instance it uses. */
    String driverInstance();

    /** Its valid channels, in name order. */
    List<ChannelConfig> channels();

    /** Channels in error (bad configuration, rejected by the driver), with the reason. */
    Map<String, String> channelErrors();

    /**
     * Reads channels now: one sample per channel, scaled; a channel that cannot be read gives a BAD sample.
     *
     * @param channels channel names; empty for every enabled readable channel
     */
    CompletableFuture<List<Sample>> read(Collection<String> channels);

    /**
     * Writes engineering values (scale and offset are inverted before the driver converts the value);
     * one result per entry, a failed one for an unknown, read-only or disabled channel.
     */
    CompletableFuture<List<WriteResult>> write(Map<String, TypedValue> values);
}
