package dev.continuum.cloud.mqtt.internal.endpoint;

import java.util.LinkedHashSet;
import java.util.Set;

/** Describes a failure by its whole cause chain, so that "wrong certificate" is not hidden behind "connect failed". */
final class Errors {

    private Errors() {
    }

    static String describe(Throwable error) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable t = error; t != null && parts.size() < 5; t = t.getCause()) {
            if (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
                continue;
            }
            String message = t.getMessage();
            parts.add(t.getClass().getSimpleName() + (message == null ? "" : ": " + message));
            if (t.getCause() == t) {
                break;
            }
        }
        return String.join(" <- ", parts);
    }
}
