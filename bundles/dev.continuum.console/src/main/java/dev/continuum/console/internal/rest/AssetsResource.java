package dev.continuum.console.internal.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.continuum.api.asset.Asset;
import dev.continuum.api.data.Sample;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.WriteResult;
import dev.continuum.console.internal.http.ApiError;
import dev.continuum.console.internal.http.Call;
import dev.continuum.console.internal.http.Router;
import dev.continuum.console.internal.security.AuditLog;
import dev.continuum.console.internal.security.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code /assets}: assets with their channels and latest values; writing channels (operator). */
final class AssetsResource {

    private final Backends backends;
    private final LatestSamples samples;
    private final AuditLog audit;

    AssetsResource(Backends backends, LatestSamples samples, AuditLog audit) {
        this.backends = backends;
        this.samples = samples;
        this.audit = audit;
    }

    void register(Router router) {
        router.add("GET", "/assets", Role.VIEWER, call -> {
            JsonArray list = new JsonArray();
            backends.assets().forEach(asset -> list.add(describe(asset)));
            return list;
        });
        router.add("GET", "/assets/{name}", Role.VIEWER, call -> describe(backends.asset(call.param("name"))));
        router.add("POST", "/assets/{name}/write", Role.OPERATOR, this::write);
    }

    private JsonObject describe(Asset asset) {
        JsonObject body = new JsonObject();
        body.addProperty("name", asset.name());
        body.addProperty("driver", asset.driverInstance());
        JsonArray channels = new JsonArray();
        for (ChannelConfig channel : asset.channels()) {
            JsonObject c = new JsonObject();
            c.addProperty("name", channel.name());
            c.addProperty("mode", channel.mode().name());
            c.addProperty("type", channel.valueType().name());
            c.addProperty("unit", channel.unit());
            c.addProperty("enabled", channel.enabled());
            c.add("latest", sample(samples.latest(asset.name() + "/" + channel.name())));
            channels.add(c);
        }
        body.add("channels", channels);
        body.add("channelErrors", dev.continuum.console.internal.http.Json.GSON.toJsonTree(asset.channelErrors()));
        return body;
    }

    /** A sample as JSON, Kura-like: value, type, status, message and times; {@code null} for none. */
    static JsonElement sample(Sample sample) {
        if (sample == null) {
            return com.google.gson.JsonNull.INSTANCE;
        }
        JsonObject s = new JsonObject();
        s.addProperty("channel", sample.channelId());
        s.add("value", value(sample.value()));
        s.addProperty("status", sample.status().name());
        s.addProperty("message", sample.message());
        s.addProperty("sourceTime", sample.sourceTime().toEpochMilli());
        return s;
    }

    private static JsonElement value(TypedValue value) {
        if (value == null) {
            return com.google.gson.JsonNull.INSTANCE;
        }
        Object v = value.value();
        if (v instanceof Number n) {
            return new JsonPrimitive(n);
        }
        if (v instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        return new JsonPrimitive(value.toString().substring(value.type().name().length() + 1));
    }

    private Object write(Call call) throws Exception {
        Asset asset = backends.asset(call.param("name"));
        JsonObject body = call.body(JsonObject.class);
        Map<String, TypedValue> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : body.entrySet()) {
            ChannelConfig channel = asset.channels().stream().filter(c -> c.name().equals(entry.getKey()))
                    .findFirst().orElseThrow(() -> ApiError.badRequest("asset '" + asset.name()
                            + "' has no channel '" + entry.getKey() + "'"));
            values.put(channel.name(), convert(channel, entry.getValue()));
        }
        if (values.isEmpty()) {
            throw ApiError.badRequest("send {\"channel\": value, ...}");
        }
        List<WriteResult> results = asset.write(values).get(10, TimeUnit.SECONDS);
        audit.record(call.user(), call.address(), "asset.write", asset.name() + " " + values);
        return results;
    }

    /** The one conversion of loosely typed values (shared with ASSET-V1): {@link TypedValue#coerce}. */
    private static TypedValue convert(ChannelConfig channel, JsonElement json) {
        if (!(json instanceof JsonPrimitive primitive)) {
            throw ApiError.badRequest("channel '" + channel.name() + "' takes a " + channel.valueType()
                    + " value; got " + json);
        }
        Object value = primitive.isBoolean() ? primitive.getAsBoolean() : primitive.isNumber() ? primitive.getAsNumber()
                : primitive.getAsString();
        try {
            return TypedValue.coerce(channel.valueType(), value);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("channel '" + channel.name() + "': " + e.getMessage());
        }
    }
}
