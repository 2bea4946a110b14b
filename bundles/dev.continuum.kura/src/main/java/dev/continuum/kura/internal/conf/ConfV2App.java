package dev.continuum.kura.internal.conf;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.continuum.api.management.ManagementApi;
import dev.continuum.api.management.ManagementApi.Response;
import dev.continuum.api.management.ServicesResource;
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
 * {@code CONF-V2}, Kura's configuration app, over MQTT and over REST ({@code /services/configuration/v2},
 * served by the console with its authentication, roles and audit); one implementation,
 * {@link #handle(String, List, String, String)}, answers both. It runs on the gateway's management API (the
 * console's REST handlers: one implementation of each operation, with its validation, audit and the automatic
 * snapshot before every change). REST requests (MQTT: EXEC for POST, DEL for DELETE) and mapping:
 * <ul>
 * <li>{@code GET configurableComponents}, {@code GET configurableComponents/configurations}: every
 * configurable component with its MetaType and values ({@code GET /config});
 * {@code POST configurableComponents/configurations/byPid} (MQTT also {@code GET}) with {@code {"pids": [...]}}:
 * those ({@code GET /config/{pid}} each);</li>
 * <li>{@code PUT configurableComponents/configurations/_update} with {@code {"configs": [{"pid",
 * "properties"}], "takeSnapshot"}}: {@code PUT /config/{pid}} each (a snapshot is taken before each change
 * anyway);</li>
 * <li>{@code POST factoryComponents} with {@code {"factoryPid", "properties"}}: {@code POST
 * /config/{factoryPid}/instances}; {@code DELETE factoryComponents/byPid} with {@code {"pids": [...]}}:
 * {@code DELETE /config/{pid}} each;</li>
 * <li>{@code GET snapshots} (their summaries, newest first), {@code GET snapshots/{id}},
 * {@code POST snapshots/_write} (take one), {@code POST snapshots/_rollback} (to the newest),
 * {@code POST snapshots/byId/_rollback} with {@code {"id"}} or {@code POST snapshots/{id}/_rollback}.</li>
 * </ul>
 * Reads need the viewer role over REST, changes the admin role. Bodies are JSON in both directions, in the
 * REST API's shapes (docs/rest-api.md); an error answers the REST status (400, 404, ...) with its message.
 * Every call is audited under its principal ({@code mqtt:<requester>} over MQTT).
 */
@Component(service = {KuraRequestHandler.class, ServicesResource.class}, property = {
        KuraRequestHandler.APP_ID + "=" + ConfV2App.APP_ID, ServicesResource.ROOT + "=configuration/v2"})
public final class ConfV2App implements KuraRequestHandler, ServicesResource {

    static final String APP_ID = "CONF-V2";
    private static final String BY_PID = "configurableComponents/configurations/byPid";
    private static final Gson GSON = new Gson();
    private static final Logger LOG = LoggerFactory.getLogger(ConfV2App.class);

    private final ManagementApi api;

    @Activate
    public ConfV2App(@Reference ManagementApi api) {
        this.api = api;
    }

    @Override
    public void handle(KuraRequest request, KuraResponder responder) {
        String method = Replies.restMethod(request.method());
        if (method.equals("GET") && String.join("/", request.resources()).equals(BY_PID)) {
            method = "POST"; // MQTT reads by pid with GET and a body; REST has no GET body
        }
        Replies.reply(responder, handle(method, request.resources(), Replies.text(request),
                "mqtt:" + request.requesterClientId()));
    }

    @Override
    public String role(String method, List<String> resources) {
        return method.equals("GET") || (method.equals("POST") && String.join("/", resources).equals(BY_PID))
                ? VIEWER : ADMIN;
    }

    @Override
    public Response handle(String method, List<String> r, String jsonBody, String principal) {
        try {
            JsonObject body = body(jsonBody);
            Response response = switch (method + " " + String.join("/", r)) {
                case "GET configurableComponents", "GET configurableComponents/configurations" ->
                        api.call("GET", "/config", null, principal);
                case "POST " + BY_PID -> each("GET", "/config/", strings(body, "pids"), principal);
                case "PUT configurableComponents/configurations/_update" -> update(body, principal);
                case "POST factoryComponents" -> api.call("POST", "/config/" + encode(text(body, "factoryPid"))
                        + "/instances", GSON.toJson(body.has("properties") ? body.get("properties") : new JsonObject()),
                        principal);
                case "DELETE factoryComponents/byPid" -> each("DELETE", "/config/", strings(body, "pids"), principal);
                case "GET snapshots" -> api.call("GET", "/snapshots", null, principal);
                case "POST snapshots/_write" -> api.call("POST", "/snapshots", "{\"reason\": \"CONF-V2 by "
                        + principal + "\"}", principal);
                case "POST snapshots/_rollback" -> rollback(newest(principal), principal);
                case "POST snapshots/byId/_rollback" -> rollback(text(body, "id"), principal);
                default -> r.size() == 2 && r.get(0).equals("snapshots") && method.equals("GET")
                        ? api.call("GET", "/snapshots/" + encode(r.get(1)), null, principal)
                        : r.size() == 3 && r.get(0).equals("snapshots") && r.get(2).equals("_rollback")
                                && method.equals("POST") ? rollback(r.get(1), principal) : null;
            };
            if (response == null) {
                return Replies.failure(404, "not_found", "CONF-V2 has no " + method + " " + String.join("/", r)
                        + "; accepted: GET configurableComponents[/configurations], POST " + BY_PID
                        + ", PUT configurableComponents/configurations/_update, POST factoryComponents,"
                        + " DELETE factoryComponents/byPid, GET snapshots[/{id}], POST snapshots/_write,"
                        + " POST snapshots/_rollback, POST snapshots/byId/_rollback, POST snapshots/{id}/_rollback"
                        + " (over MQTT: EXEC for POST, DEL for DELETE)");
            }
            if (!method.equals("GET")) {
                LOG.info("CONF-V2 {} {} by {}: {}", method, String.join("/", r), principal, response.status());
            }
            return response;
        } catch (BadRequest e) {
            return Replies.failure(400, "bad_request", e.getMessage());
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

    private static JsonObject body(String text) throws BadRequest {
        if (text == null || text.isBlank()) {
            return new JsonObject();
        }
        try {
            JsonElement json = JsonParser.parseString(text);
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
