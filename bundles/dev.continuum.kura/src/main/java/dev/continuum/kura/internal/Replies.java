package dev.continuum.kura.internal;

import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Payload builders for replies and notifications. */
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
}
