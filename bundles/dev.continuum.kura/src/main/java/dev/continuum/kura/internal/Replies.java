package dev.continuum.kura.internal;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.continuum.api.management.ManagementApi.Response;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraRequest;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Payload builders for replies and notifications, and the one translation between Kura's MQTT requests and
 * the REST shapes that the apps implement once ({@link dev.continuum.api.management.ServicesResource}).
 */
public final class Replies {

    private Replies() {
    }

    public static KuraPayload metrics(Object... namesAndValues) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                metrics.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return new KuraPayload(System.currentTimeMillis(), metrics, null);
    }

    public static KuraPayload body(String text) {
        return new KuraPayload(System.currentTimeMillis(), Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    public static KuraPayload error(String message) {
        return metrics(KuraResponder.EXCEPTION_MESSAGE, message);
    }

    /** Kura's MQTT request methods as HTTP methods: EXEC is POST, DEL is DELETE; GET, PUT, POST stay. */
    public static String restMethod(String kuraMethod) {
        return switch (kuraMethod) {
            case "EXEC" -> "POST";
            case "DEL" -> "DELETE";
            default -> kuraMethod;
        };
    }

    /** The request's body as text, or null when it has none. */
    public static String text(KuraRequest request) {
        byte[] body = request.payload().body();
        return body == null || body.length == 0 ? null : new String(body, StandardCharsets.UTF_8);
    }

    /** An error answer in the REST API's shape, {@code {"code", "message"}}. */
    public static Response failure(int status, String code, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("code", code);
        error.addProperty("message", message);
        return new Response(status, error.toString());
    }

    /**
     * Sends a REST-shaped answer over MQTT: a success as a 200 with the JSON body; an error as Kura does,
     * the status (404 stays, 5xx is 500, the rest 400) with the message as the exception message.
     */
    public static void reply(KuraResponder responder, Response response) {
        if (response.status() < 300) {
            responder.reply(200, body(response.json()));
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
}
