package dev.continuum.api.asset;

/**
 * The configuration keys of an asset (a factory configuration of {@link #FACTORY_PID}).
 *
 * <p>Example (OSGi Configurator JSON):
 * <pre>
 * "dev.continuum.asset~press-1": {
 *   "name": "press-1",
 *   "driver.instance": "line-1",
 *   "temperature#+type": "READ",
 *   "temperature#+value.type": "DOUBLE",
 *   "temperature#+scale": 0.1,
 *   "temperature#+unit": "°C",
 *   "temperature#node.id": "ns=2;s=Line1/Press1/Temperature"
 * }
 * </pre>
 * A channel exists when at least its {@code +value.type} is set. Its other generic keys default to:
 * mode READ, scale 1, offset 0, unit empty, enabled true, listen true (subscribed) for readable channels.
 * A channel with a bad generic value (an unknown type or mode, a scale that is not a number) is in
 * error with the reason; the asset's other channels work.
 */
public final class AssetConfig {

    /** The factory PID of asset configurations. */
    public static final String FACTORY_PID = "dev.continuum.asset";

    /** The asset's name, unique in the gateway; the first part of its samples' channel ids. */
    public static final String NAME = "name";

    /** The {@link dev.continuum.api.driver.Driver#INSTANCE} of the driver the asset uses. */
    public static final String DRIVER = "driver.instance";

    /** Separates the channel name from the property in a channel key: {@code CHANNEL#KEY}. */
    public static final String SEPARATOR = "#";

    /** Prefix of the generic channel keys ({@code CHANNEL#+KEY}); keys without it are the driver's. */
    public static final String GENERIC = "+";

    /** Channel mode: {@code READ}, {@code WRITE}, {@code READ_WRITE} (Kura calls it the channel type). */
    public static final String MODE = "+type";

    /** Channel value type: a {@link dev.continuum.api.data.DataType} name. */
    public static final String VALUE_TYPE = "+value.type";

    /** Number multiplied with numeric raw values. */
    public static final String SCALE = "+scale";

    /** Number added to numeric raw values after scaling. */
    public static final String OFFSET = "+offset";

    /** Engineering unit, informative. */
    public static final String UNIT = "+unit";

    /** {@code true} or {@code false}: disabled channels are not served. */
    public static final String ENABLED = "+enabled";

    /** {@code true} or {@code false}: subscribe the channel so its changes become samples. */
    public static final String LISTEN = "+listen";

    private AssetConfig() {
    }
}
