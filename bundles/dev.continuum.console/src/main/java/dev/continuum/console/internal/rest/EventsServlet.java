package dev.continuum.console.internal.rest;

import com.google.gson.JsonArray;
import dev.continuum.api.data.Sample;
import dev.continuum.console.internal.http.ApiError;
import dev.continuum.console.internal.http.Authenticator;
import dev.continuum.console.internal.http.Json;
import dev.continuum.console.internal.logs.LogEntryLine;
import dev.continuum.console.internal.logs.LogLevel;
import dev.continuum.console.internal.logs.LogTail;
import dev.continuum.console.internal.security.Principal;
import dev.continuum.console.internal.security.Role;
import dev.continuum.console.internal.security.SecurityService;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/v1/events}: server-sent events with the latest values of the channels that changed,
 * at most {@value #HZ} times a second ({@code event: samples}, data: an array of samples), so 50 channels
 * at 5 Hz cost one small write per client per period. With {@code ?stream=logs&level=WARN} (admin): the
 * gateway's log instead, the last entries first, then each new one at or above the level ({@code event: log}).
 * One scheduler thread serves every client; a stream ends when its session ends.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/v1/events",
        "osgi.http.whiteboard.servlet.name=continuum-events",
        "osgi.http.whiteboard.servlet.asyncSupported=true"})
public final class EventsServlet extends HttpServlet {

    static final int HZ = 5;
    private static final long serialVersionUID = 1L;
    private static final int MAX_CLIENTS = 32;
    private static final int HEARTBEAT_TICKS = 15 * HZ;
    private static final int FIRST_LOG_ENTRIES = 300;

    private static final class Client {
        final AsyncContext async;
        final Principal principal;
        /** For {@code ?stream=logs}: the least level sent; null for the samples stream. */
        final LogLevel logLevel;
        long sequence;
        int idleTicks;

        Client(AsyncContext async, Principal principal, LogLevel logLevel) {
            this.async = async;
            this.principal = principal;
            this.logLevel = logLevel;
        }
    }

    private final transient SecurityService security;
    private final transient LatestSamples samples;
    private final transient LogTail logs;
    private final transient Authenticator authenticator;
    private final transient CopyOnWriteArrayList<Client> clients = new CopyOnWriteArrayList<>();
    private final transient ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "continuum-events"));

    @Activate
    public EventsServlet(@Reference SecurityService security, @Reference LatestSamples samples,
            @Reference LogTail logs) {
        this.security = security;
        this.samples = samples;
        this.logs = logs;
        this.authenticator = new Authenticator(security);
        scheduler.scheduleWithFixedDelay(this::push, 1000 / HZ, 1000 / HZ, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
        clients.forEach(c -> c.async.complete());
        clients.clear();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal principal;
        LogLevel logLevel = null;
        try {
            principal = authenticator.authenticate(request);
            if (principal.mustChangePassword()) {
                throw new ApiError(403, "password_change_required", "change the password first");
            }
            if ("logs".equals(request.getParameter("stream"))) {
                if (!principal.role().includes(Role.ADMIN)) {
                    throw new ApiError(403, "forbidden", "the log stream needs the role admin; '" + principal.user()
                            + "' is " + principal.role().id());
                }
                logLevel = level(request.getParameter("level"));
            }
            if (clients.size() >= MAX_CLIENTS) {
                throw new ApiError(503, "too_many_streams", "at most " + MAX_CLIENTS + " live streams at once");
            }
        } catch (ApiError e) {
            Json.error(response, e.status(), e.code(), e.getMessage());
            return;
        }
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        Client client = new Client(async, principal, logLevel);
        PrintWriter writer = response.getWriter();
        writer.write("retry: 2000\n");
        if (logLevel == null) {
            writer.write(frame(samples.changedSince(0)));
            client.sequence = samples.sequence();
        } else {
            client.sequence = logs.sequence();
            writer.write(logFrame(logs.since(0, logLevel, FIRST_LOG_ENTRIES)));
        }
        writer.flush();
        clients.add(client);
    }

    private void push() {
        long now = samples.sequence();
        long logsNow = logs.sequence();
        for (Client client : clients) {
            try {
                if (client.principal.session() != null && !security.alive(client.principal.session())) {
                    close(client);
                    continue;
                }
                PrintWriter writer = client.async.getResponse().getWriter();
                if (client.logLevel != null) {
                    if (logsNow != client.sequence) {
                        long since = client.sequence;
                        client.sequence = logsNow;
                        List<LogEntryLine> fresh = logs.since(since, client.logLevel, LogTail.KEEP);
                        if (!fresh.isEmpty()) {
                            writer.write(logFrame(fresh));
                            client.idleTicks = 0;
                        }
                    }
                    if (++client.idleTicks >= HEARTBEAT_TICKS) {
                        writer.write(": keep-alive\n\n");
                        client.idleTicks = 0;
                    }
                } else if (now != client.sequence) {
                    long since = client.sequence;
                    client.sequence = now;
                    writer.write(frame(samples.changedSince(since)));
                    client.idleTicks = 0;
                } else if (++client.idleTicks >= HEARTBEAT_TICKS) {
                    writer.write(": keep-alive\n\n");
                    client.idleTicks = 0;
                } else {
                    continue;
                }
                writer.flush();
                if (writer.checkError()) {
                    close(client);
                }
            } catch (IOException | RuntimeException e) {
                close(client);
            }
        }
    }

    private void close(Client client) {
        clients.remove(client);
        try {
            client.async.complete();
        } catch (RuntimeException e) {
            // already completed by the container
        }
    }

    private static LogLevel level(String text) {
        try {
            return text == null || text.isBlank() ? LogLevel.INFO : LogLevel.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private static String logFrame(List<LogEntryLine> entries) {
        return "event: log\ndata: " + Json.GSON.toJson(entries) + "\n\n";
    }

    private static String frame(java.util.List<Sample> changed) {
        JsonArray array = new JsonArray();
        for (Sample sample : changed) {
            array.add(AssetsResource.sample(sample));
        }
        return "event: samples\ndata: " + array + "\n\n";
    }
}
