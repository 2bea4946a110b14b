package dev.continuum.console.internal.rest;

import dev.continuum.api.asset.AssetConfig;
import dev.continuum.api.driver.Driver;
import dev.continuum.api.driver.DriverException;
import dev.continuum.console.internal.http.ApiError;
import dev.continuum.console.internal.http.Call;
import dev.continuum.console.internal.http.Router;
import dev.continuum.console.internal.security.AuditLog;
import dev.continuum.console.internal.security.Role;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.osgi.service.cm.Configuration;

/**
 * {@code /drivers}: the driver instances and their state; browsing a device's address space
 * ({@link Driver#browse}, e.g. an OPC UA server) one level at a time; and {@code POST /assets/{name}/channels}
 * (operator): channels picked while browsing added to an asset's configuration (the asset created on the
 * driver when it does not exist yet).
 */
final class DriversResource {

    /** A channel to add: its name and its properties (generic {@code +key}s and the driver's keys). */
    record NewChannel(String name, Map<String, String> properties) {
    }

    /** {@code POST /assets/{name}/channels}. */
    record NewChannels(String driver, List<NewChannel> channels) {
    }

    private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern KEY = Pattern.compile("\\+?[A-Za-z0-9_.-]{1,64}");
    private static final int MAX_DEPTH = 3;
    private static final int MAX_NODES = 1000;
    private static final long BROWSE_SECONDS = 20;

    private final Backends backends;
    private final AuditLog audit;
    private final SnapshotsResource snapshots;

    DriversResource(Backends backends, AuditLog audit, SnapshotsResource snapshots) {
        this.backends = backends;
        this.audit = audit;
        this.snapshots = snapshots;
    }

    void register(Router router) {
        router.add("GET", "/drivers", Role.VIEWER, call -> backends.drivers().stream().map(d -> Map.of(
                "instance", d.instance(), "state", d.state().name(), "reason", d.stateReason())).toList());
        router.add("GET", "/drivers/{instance}/browse", Role.VIEWER, this::browse);
        router.add("POST", "/assets/{name}/channels", Role.OPERATOR, this::addChannels);
    }

    private Object browse(Call call) throws Exception {
        Driver driver = backends.driver(call.param("instance"));
        int depth;
        int max;
        try {
            depth = Integer.parseInt(call.query("depth", "1"));
            max = Integer.parseInt(call.query("max", "200"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("depth and max are whole numbers: " + e.getMessage());
        }
        if (depth < 1 || depth > MAX_DEPTH || max < 1 || max > MAX_NODES) {
            throw ApiError.badRequest("depth is 1 to " + MAX_DEPTH + " and max 1 to " + MAX_NODES
                    + " (browse deeper from a child's address)");
        }
        try {
            return driver.browse(call.query("start", ""), depth, max).get(BROWSE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnsupportedOperationException) {
                throw new ApiError(501, "not_supported", "the driver '" + driver.instance() + "' cannot browse");
            }
            if (cause instanceof DriverException) {
                throw new ApiError(422, "browse_failed", cause.getMessage());
            }
            throw e;
        } catch (TimeoutException e) {
            throw new ApiError(504, "browse_failed", "the driver '" + driver.instance() + "' did not answer within "
                    + BROWSE_SECONDS + " s (state " + driver.state() + "); browse a smaller part");
        }
    }

    private Object addChannels(Call call) throws Exception {
        String asset = call.param("name");
        NewChannels body = call.body(NewChannels.class);
        if (body.channels() == null || body.channels().isEmpty()) {
            throw ApiError.badRequest("send {\"channels\": [{\"name\": ..., \"properties\": {\"+value.type\": ...,"
                    + " driver keys such as \"node.id\"}}]} (and \"driver\" to create the asset)");
        }
        Configuration configuration = assetConfiguration(asset);
        Hashtable<String, Object> properties = new Hashtable<>();
        if (configuration == null) {
            if (body.driver() == null || body.driver().isBlank()) {
                throw ApiError.notFound("no asset '" + asset + "'; to create it, name its \"driver\"");
            }
            backends.driver(body.driver());
            properties.put(AssetConfig.NAME, asset);
            properties.put(AssetConfig.DRIVER, body.driver());
        } else {
            configuration.getProperties().keys().asIterator().forEachRemaining(key -> {
                if (!key.startsWith("service.")) {
                    properties.put(key, configuration.getProperties().get(key));
                }
            });
        }
        Map<String, String> added = new LinkedHashMap<>();
        for (NewChannel channel : body.channels()) {
            check(channel, properties, added);
            channel.properties().forEach((key, value) -> properties.put(channel.name() + AssetConfig.SEPARATOR + key,
                    value));
            added.put(channel.name(), channel.properties().getOrDefault("node.id", ""));
        }
        snapshots.before(call, "POST /assets/" + asset + "/channels");
        Configuration target = configuration != null ? configuration
                : backends.configAdmin().getFactoryConfiguration(AssetConfig.FACTORY_PID, asset, "?");
        target.update(properties);
        audit.record(call.user(), call.address(), "asset.channels", asset + " +" + added.keySet());
        return new Router.Reply(configuration == null ? 201 : 200, Map.of("asset", asset, "pid", target.getPid(),
                "added", new ArrayList<>(added.keySet())));
    }

    private static void check(NewChannel channel, Hashtable<String, Object> properties, Map<String, String> added) {
        if (channel.name() == null || !CHANNEL.matcher(channel.name()).matches()) {
            throw ApiError.badRequest("a channel name has 1 to 64 letters, digits and _ . -; got '" + channel.name() + "'");
        }
        String prefix = channel.name() + AssetConfig.SEPARATOR;
        if (added.containsKey(channel.name()) || properties.keySet().stream().anyMatch(k -> k.startsWith(prefix))) {
            throw new ApiError(409, "channel_exists", "the asset already has a channel '" + channel.name()
                    + "'; choose another name");
        }
        if (channel.properties() == null || !channel.properties().containsKey(AssetConfig.VALUE_TYPE)) {
            throw ApiError.badRequest("channel '" + channel.name() + "' needs \"" + AssetConfig.VALUE_TYPE
                    + "\" (BOOLEAN, INTEGER, LONG, FLOAT, DOUBLE, STRING, BYTE_ARRAY) and its driver's address keys");
        }
        for (String key : channel.properties().keySet()) {
            if (!KEY.matcher(key).matches()) {
                throw ApiError.badRequest("channel '" + channel.name() + "': '" + key + "' is not a channel key");
            }
        }
    }

    private Configuration assetConfiguration(String asset) throws Exception {
        if (!CHANNEL.matcher(asset).matches()) {
            throw ApiError.badRequest("an asset name has 1 to 64 letters, digits and _ . -; got '" + asset + "'");
        }
        Configuration[] found = backends.configAdmin().listConfigurations("(&(service.factoryPid="
                + AssetConfig.FACTORY_PID + ")(" + AssetConfig.NAME + "=" + asset + "))");
        return found == null ? null : found[0];
    }
}
