package dev.continuum.kura.internal.asset;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import dev.continuum.api.asset.Asset;
import dev.continuum.api.data.Sample;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.WriteResult;
import dev.continuum.api.management.ManagementApi.Response;
import dev.continuum.api.management.ServicesResource;
import dev.continuum.cloud.mqtt.kura.KuraRequest;
import dev.continuum.cloud.mqtt.kura.KuraRequestHandler;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import dev.continuum.kura.internal.Replies;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ASSET-V1}, Kura's asset app, over MQTT and over REST ({@code /services/assets/v1}, served by the
 * console with its authentication, roles and audit): one implementation, {@link #handle(String, List, String,
 * String)}, answers both.
 * <ul>
 * <li>{@code GET /services/assets/v1} (MQTT {@code GET/assets}) lists every asset with its channels
 * ({@code [{name, channels[{name, mode, type}]}]});</li>
 * <li>{@code POST /services/assets/v1/_read} (MQTT {@code EXEC/read}) reads channels now
 * ({@code [{name, channels?[{name}]}]}, no body for every asset) and answers per channel
 * {@code {name, timestamp, type, value}} or {@code {name, timestamp, error}};</li>
 * <li>{@code POST /services/assets/v1/_write} (MQTT {@code EXEC/write}) writes
 * ({@code [{name, channels[{name, type, value}]}]}) and answers per channel {@code {name, timestamp}} or
 * {@code {name, timestamp, error}} (operator role over REST).</li>
 * </ul>
 * Bodies are JSON; byte arrays are base64 text. Writes are logged with their requester. Unknown assets and
 * channels are reported per item, as Kura does, not as a failed request.
 */
@Component(service = {KuraRequestHandler.class, ServicesResource.class}, property = {
        KuraRequestHandler.APP_ID + "=" + AssetApp.APP_ID, ServicesResource.ROOT + "=assets/v1"})
public final class AssetApp implements KuraRequestHandler, ServicesResource {

    static final String APP_ID = "ASSET-V1";
    private static final String ACCEPTED = "accepted: GET (MQTT GET/assets), POST _read (EXEC/read),"
            + " POST _write (EXEC/write)";
    private static final long TIMEOUT_SECONDS = 10;
    private static final Gson GSON = new Gson();
    private static final Logger LOG = LoggerFactory.getLogger(AssetApp.class);

    private final Map<String, Asset> assets = new ConcurrentSkipListMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAsset(Asset asset) {
        assets.put(asset.name(), asset);
    }

    void removeAsset(Asset asset) {
        assets.remove(asset.name(), asset);
    }

    @Override
    public void handle(KuraRequest request, KuraResponder responder) {
        Replies.reply(responder, handle(Replies.restMethod(request.method()), request.resources(),
                Replies.text(request), "mqtt:" + request.requesterClientId()));
    }

    @Override
    public String role(String method, List<String> resources) {
        return operation(method, resources).equals("write") ? OPERATOR : VIEWER;
    }

    @Override
    public Response handle(String method, List<String> resources, String jsonBody, String principal) {
        try {
            return switch (operation(method, resources)) {
                case "list" -> new Response(200, GSON.toJson(describe()));
                case "read" -> new Response(200, GSON.toJson(read(body(jsonBody))));
                case "write" -> new Response(200, GSON.toJson(write(body(jsonBody), principal)));
                default -> Replies.failure(404, "not_found", "ASSET-V1 has no " + method + " "
                        + String.join("/", resources) + "; " + ACCEPTED);
            };
        } catch (BadRequest e) {
            return Replies.failure(400, "bad_request", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Replies.failure(500, "internal", "interrupted");
        }
    }

    /** list, read, write or none; Kura's REST names ({@code _read}) and its MQTT ones ({@code read}) alike. */
    private static String operation(String method, List<String> resources) {
        String resource = resources.size() == 1 ? resources.get(0) : resources.isEmpty() ? "" : null;
        if (resource == null) {
            return "none";
        }
        if (method.equals("GET") && (resource.isEmpty() || resource.equals("assets"))) {
            return "list";
        }
        if (method.equals("POST") && (resource.equals("_read") || resource.equals("read"))) {
            return "read";
        }
        return method.equals("POST") && (resource.equals("_write") || resource.equals("write")) ? "write" : "none";
    }

    private JsonArray describe() {
        JsonArray list = new JsonArray();
        for (Asset asset : assets.values()) {
            JsonArray channels = new JsonArray();
            for (ChannelConfig channel : asset.channels()) {
                JsonObject c = new JsonObject();
                c.addProperty("name", channel.name());
                c.addProperty("mode", channel.mode().name());
                c.addProperty("type", channel.valueType().name());
                channels.add(c);
            }
            JsonObject a = new JsonObject();
            a.addProperty("name", asset.name());
            a.add("channels", channels);
            list.add(a);
        }
        return list;
    }

    private JsonArray read(JsonArray request) throws BadRequest, InterruptedException {
        JsonArray reply = new JsonArray();
        if (request == null) {
            request = new JsonArray();
            for (String name : assets.keySet()) {
                request.add(named(name));
            }
        }
        for (JsonElement item : request) {
            String name = name(item, "asset");
            List<String> wanted = new ArrayList<>();
            JsonArray channels = channels(item, false);
            if (channels != null) {
                for (JsonElement channel : channels) {
                    wanted.add(name(channel, "channel"));
                }
            }
            JsonArray results = new JsonArray();
            Asset asset = assets.get(name);
            if (asset == null) {
                wanted.forEach(channel -> results.add(failure(channel, "no asset named '" + name + "'")));
            } else {
                try {
                    for (Sample sample : asset.read(wanted).get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        results.add(reading(sample));
                    }
                } catch (ExecutionException | TimeoutException e) {
                    String reason = "reading failed: " + (e.getCause() == null ? "timed out" : e.getCause().getMessage());
                    wanted.forEach(channel -> results.add(failure(channel, reason)));
                }
            }
            reply.add(assetResult(name, results));
        }
        return reply;
    }

    private JsonArray write(JsonArray request, String requester) throws BadRequest, InterruptedException {
        if (request == null) {
            throw new BadRequest("write needs a JSON body: [{\"name\": asset, \"channels\": [{\"name\", \"type\","
                    + " \"value\"}]}]");
        }
        JsonArray reply = new JsonArray();
        for (JsonElement item : request) {
            String name = name(item, "asset");
            Asset asset = assets.get(name);
            JsonArray results = new JsonArray();
            Map<String, TypedValue> values = new LinkedHashMap<>();
            for (JsonElement element : channels(item, true)) {
                String channel = name(element, "channel");
                Optional<ChannelConfig> config = asset == null ? Optional.empty()
                        : asset.channels().stream().filter(c -> c.name().equals(channel)).findFirst();
                if (asset == null) {
                    results.add(failure(channel, "no asset named '" + name + "'"));
                } else if (config.isEmpty()) {
                    results.add(failure(channel, "asset '" + name + "' has no channel '" + channel + "'"));
                } else {
                    try {
                        values.put(channel, TypedValue.coerce(config.get().valueType(), value(element, channel)));
                    } catch (IllegalArgumentException e) {
                        results.add(failure(channel, e.getMessage()));
                    }
                }
            }
            if (!values.isEmpty()) {
                LOG.info("ASSET-V1: {} writes {} on asset {}", requester, values, name);
                try {
                    for (WriteResult result : asset.write(values).get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        JsonObject r = result.ok() ? stamped(result.channel()) : failure(result.channel(), result.message());
                        results.add(r);
                    }
                } catch (ExecutionException | TimeoutException e) {
                    String reason = "writing failed: " + (e.getCause() == null ? "timed out" : e.getCause().getMessage());
                    values.keySet().forEach(channel -> results.add(failure(channel, reason)));
                }
            }
            reply.add(assetResult(name, results));
        }
        return reply;
    }

    private static JsonObject reading(Sample sample) {
        String channel = sample.channelId().substring(sample.channelId().indexOf('/') + 1);
        if (!sample.isGood() || sample.value() == null) {
            JsonObject r = failure(channel, sample.message().isEmpty() ? sample.status().name() : sample.message());
            r.addProperty("timestamp", sample.sourceTime().toEpochMilli());
            return r;
        }
        JsonObject r = new JsonObject();
        r.addProperty("name", channel);
        r.addProperty("timestamp", sample.sourceTime().toEpochMilli());
        r.addProperty("type", sample.value().type().name());
        Object value = sample.value().value();
        r.add("value", value instanceof Number n ? new JsonPrimitive(n) : value instanceof Boolean b ? new JsonPrimitive(b)
                : value instanceof byte[] bytes ? new JsonPrimitive(Base64.getEncoder().encodeToString(bytes))
                : new JsonPrimitive(value.toString()));
        return r;
    }

    private static JsonArray body(String text) throws BadRequest {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonElement json = GSON.fromJson(text, JsonElement.class);
            if (json == null || !json.isJsonArray()) {
                throw new BadRequest("the body must be a JSON array of assets, [{\"name\": ...}], not " + json);
            }
            return json.getAsJsonArray();
        } catch (JsonParseException e) {
            throw new BadRequest("the body is not JSON: " + e.getMessage());
        }
    }

    private static String name(JsonElement element, String what) throws BadRequest {
        if (element.isJsonObject() && element.getAsJsonObject().get("name") instanceof JsonPrimitive name) {
            return name.getAsString();
        }
        throw new BadRequest("each " + what + " needs a \"name\": " + element);
    }

    private static JsonArray channels(JsonElement asset, boolean required) throws BadRequest {
        JsonElement channels = asset.getAsJsonObject().get("channels");
        if (channels == null && !required) {
            return null;
        }
        if (channels == null || !channels.isJsonArray()) {
            throw new BadRequest("asset " + asset + " needs \"channels\": [...]");
        }
        return channels.getAsJsonArray();
    }

    private static Object value(JsonElement channel, String name) {
        JsonElement value = channel.getAsJsonObject().get("value");
        if (!(value instanceof JsonPrimitive primitive)) {
            throw new IllegalArgumentException("channel '" + name + "' needs a \"value\"");
        }
        return primitive.isBoolean() ? primitive.getAsBoolean() : primitive.isNumber() ? primitive.getAsNumber()
                : primitive.getAsString();
    }

    private static JsonObject named(String name) {
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        return o;
    }

    private static JsonObject stamped(String channel) {
        JsonObject o = named(channel);
        o.addProperty("timestamp", System.currentTimeMillis());
        return o;
    }

    private static JsonObject failure(String channel, String message) {
        JsonObject o = stamped(channel);
        o.addProperty("error", message);
        return o;
    }

    private static JsonObject assetResult(String name, JsonArray channels) {
        JsonObject o = named(name);
        o.add("channels", channels);
        return o;
    }

    /** A request the app cannot serve as sent; answered 400 with the reason. */
    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}
