package dev.continuum.console.internal.rest;

import dev.continuum.console.internal.http.ApiError;
import dev.continuum.console.internal.http.Router;
import dev.continuum.console.internal.logs.LogLevel;
import dev.continuum.console.internal.logs.LogTail;
import dev.continuum.console.internal.security.Role;
import java.util.Map;

/**
 * {@code GET /logs?level=WARN&since=SEQ&limit=N} (admin): the gateway's recent log entries; the live tail is
 * {@code GET /events?stream=logs&level=...} (server-sent events).
 */
final class LogsResource {

    private final LogTail tail;

    LogsResource(LogTail tail) {
        this.tail = tail;
    }

    void register(Router router) {
        router.add("GET", "/logs", Role.ADMIN, call -> {
            LogLevel level = LogLevel.parse(call.query("level", "INFO"));
            long since;
            int limit;
            try {
                since = Long.parseLong(call.query("since", "0"));
                limit = Math.max(1, Math.min(LogTail.KEEP, Integer.parseInt(call.query("limit", "500"))));
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("since and limit are whole numbers: " + e.getMessage());
            }
            return Map.of("file", tail.file().toString(), "sequence", tail.sequence(),
                    "entries", tail.since(since, level, limit));
        });
    }
}
