package dev.continuum.kura.internal.conf;

import static dev.continuum.kura.internal.Replies.error;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.continuum.api.management.ManagementApi;
import dev.continuum.api.management.ManagementApi.Response;
import dev.continuum.cloud.mqtt.kura.KuraRequest;
import dev.continuum.cloud.mqtt.kura.KuraRequestHandler;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import dev.continuum.kura.internal.Replies;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CONF-V2}, Kura's configuration app, on the gateway's management API (the console's REST handlers:
 * one implementation of each operation, with its validation, audit and the automatic snapshot before every
 * change). Requests and mapping:
 * <ul>
 * <li>{@code GET/configurableComponents}, {@code GET/configurableComponents/configurations}: every
 * configurable component with its MetaType and values ({@code GET /config});
 * {@code GET/configurableComponents/configurations/byPid} with {@code {"pids": [...]}}: those ({@code GET
 * /config/{pid}} each);</li>
 * <li>{@code PUT/configurableComponents/configurations/_update} with {@code {"configs": [{"pid",
 * "properties"}], "takeSnapshot"}}: {@code PUT /config/{pid}} each (a snapshot is taken before each change
 * anyway);</li>
 * <li>{@code POST/factoryComponents} with {@code {"factoryPid", "properties"}}: {@code POST
 * /config/{factoryPid}/instances}; {@code DEL/factoryComponents/byPid} with {@code {"pids": [...]}}:
 * {@code DELETE /config/{pid}} each;</li>
 * <li>{@code GET/snapshots} (their summaries, newest first), {@code GET/snapshots/{id}},
 * {@code EXEC/snapshots/_write} (take one), {@code EXEC/snapshots/_rollback} (to the newest),
 * {@code EXEC/snapshots/byId/_rollback} with {@code {"id"}} or {@code EXEC/snapshots/{id}/_rollback}.</li>
 * </ul>
 * Bodies are JSON in both directions, in the REST API's shapes (docs/rest-api.md); an error answers the
 * REST status (400, 404, ...) with its message. Every call is audited as {@code mqtt:<requester>}.
 */
@Component(service = KuraRequestHandler.class, property = KuraRequestHandler.APP_ID + "=" + ConfV2App.APP_ID)
public final class ConfV2App implements KuraRequestHandler {

    static final String APP_ID = "CONF-V2";
    private static final Gson GSON = new Gson();
    private static final Logger LOG = LoggerFactory.getLogger(ConfV2App.class);

    private final ManagementApi api;

    @Activate
    public ConfV2App(@Reference ManagementApi api) {
        this.api = api;
    }

    @Override
    public void handle(KuraRequest request, KuraResponder responder) {
        String principal = "mqtt:" + request.requesterClientId();
        List<String> r = request.resources();
        try {
            JsonObject body = body(request);
            Response response = switch (request.method() + " " + String.join("/", r)) {
                case "GET configurableComponents", "GET configurableComponents/configurations" ->
                        api.call("GET", "/config", null, principal);
                case "GET configurableComponents/configurations/byPid" ->
                        each("GET", "/config/", strings(body, "pids"), principal);
                case "PUT configurableComponents/configurations/_update" -> update(body, principal);
                case "POST factoryComponents" -> api.call("POST", "/config/" + encode(text(body, "factoryPid"))
                        + "/instances", GSON.toJson(body.has("properties") ? body.get("properties") : new JsonObject()),
                        principal);
                case "DEL factoryComponents/byPid" -> each("DELETE", "/config/", strings(body, "pids"), principal);
                case "GET snapshots" -> api.call("GET", "/snapshots", null, principal);
                case "EXEC snapshots/_write" -> api.call("POST", "/snapshots", "{\"reason\": \"CONF-V2 by "
                        + request.requesterClientId() + "\"}", principal);
                case "EXEC snapshots/_rollback" -> rollback(newest(principal), principal);
                case "EXEC snapshots/byId/_rollback" -> rollback(text(body, "id"), principal);
                default -> r.size() == 2 && r.get(0).equals("snapshots") && request.method().equals("GET")
                        ? api.call("GET", "/snapshots/" + encode(r.get(1)), null, principal)
                        : r.size() == 3 && r.get(0).equals("snapshots") && r.get(2).equals("_rollback")
                                && request.method().equals("EXEC") ? rollback(r.get(1), principal) : null;
            };
            if (response == null) {
                responder.reply(404, error("CONF-V2 has no " + request.path() + "; accepted: GET/configurableComponents"
                        + "[/configurations[/byPid]], PUT/configurableComponents/configurations/_update,"
                        + " POST/factoryComponents, DEL/factoryComponents/byPid, GET/snapshots[/{id}],"
                        + " EXEC/snapshots/_write, EXEC/snapshots/_rollback, EXEC/snapshots/byId/_rollback,"
                        + " EXEC/snapshots/{id}/_rollback"));
                return;
            }
            if (!request.method().equals("GET")) {
                LOG.info("CONF-V2 {} by {}: {}", request.path(), request.requesterClientId(), response.status());
            }
            reply(responder, response);
        } catch (BadRequest e) {
            responder.reply(400, error(e.getMessage()));
        }
    }

    private Response update(JsonObject body, String principal) throws BadRequest {
        JsonElement configs = body.get("configs");
        if (configs == null || !configs.isJsonArray()) {
            throw new BadRequest("the body needs \"configs\": [{\"pid\": ..., \"properties\": {...}}]");
        }
        JsonArray results = new JsonArray();
        for (JsonElement config : configs.getAsJsonArray()) {
            if (!config.isJsonObject()) {
                throw new BadRequest("each entry of \"configs\" is an object with \"pid\" and \"properties\"");
            }
            String pid = text(config.getAsJsonObject(), "pid");
            JsonElement properties = config.getAsJsonObject().get("properties");
            Response response = api.call("PUT", "/config/" + encode(pid), GSON.toJson(properties == null
                    ? new JsonObject() : properties), principal);
            if (response.status() >= 300) {
                return response; // the first refused configuration ends the request, named in its message
            }
            results.add(JsonParser.parseString(response.json()));
        }
        return new Response(200, GSON.toJson(results));
    }

    private Response each(String method, String prefix, List<String> pids, String principal) {
        JsonArray results = new JsonArray();
        for (String pid : pids) {
            Response response = api.call(method, prefix + encode(pid), null, principal);
            if (response.status() >= 300) {
                return response;
            }
            results.add(JsonParser.parseString(response.json()));
        }
        return new Response(200, GSON.toJson(results));
    }

    private String newest(String principal) throws BadRequest {
        Response list = api.call("GET", "/snapshots", null, principal);
        JsonElement snapshots = JsonParser.parseString(list.json());
        if (list.status() != 200 || !snapshots.isJsonArray() || snapshots.getAsJsonArray().isEmpty()) {
            throw new BadRequest("there is no snapshot to roll back to");
        }
        return snapshots.getAsJsonArray().get(0).getAsJsonObject().get("id").getAsString();
    }

    private Response rollback(String id, String principal) {
        return api.call("POST", "/snapshots/" + encode(id) + "/restore", null, principal);
    }

    private static void reply(KuraResponder responder, Response response) {
        if (response.status() < 300) {
            responder.reply(200, Replies.body(response.json()));
            return;
        }
        String message = response.json();
        try {
            JsonObject error = JsonParser.parseString(response.json()).getAsJsonObject();
            message = error.has("message") ? error.get("message").getAsString() : message;
        } catch (RuntimeException notAnObject) {
            // keep the raw body
        }
        int code = response.status() == 404 ? 404 : response.status() >= 500 ? 500 : 400;
        responder.reply(code, error(message));
    }

    private static JsonObject body(KuraRequest request) throws BadRequest {
        byte[] body = request.payload().body();
        if (body == null || body.length == 0) {
            return new JsonObject();
        }
        try {
            JsonElement json = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            if (!json.isJsonObject()) {
                throw new BadRequest("the body must be a JSON object, not " + json);
            }
            return json.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new BadRequest("the body is not JSON: " + e.getMessage());
        }
    }

    private static String text(JsonObject body, String key) throws BadRequest {
        JsonElement value = body.get(key);
        if (value == null || !value.isJsonPrimitive()) {
            throw new BadRequest("the body needs \"" + key + "\"");
        }
        return value.getAsString();
    }

    private static List<String> strings(JsonObject body, String key) throws BadRequest {
        JsonElement value = body.get(key);
        if (value == null || !value.isJsonArray()) {
            throw new BadRequest("the body needs \"" + key + "\": [...]");
        }
        List<String> list = new ArrayList<>();
        for (JsonElement element : value.getAsJsonArray()) {
            list.add(element.getAsString());
        }
        return list;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A request the app cannot serve as sent; answered 400 with the reason. */
    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}
