package dev.continuum.console.internal.rest;

import com.google.gson.JsonArray;
import dev.continuum.api.data.Sample;
import dev.continuum.api.inference.InferenceService;
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
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/events}: the console's one live stream, server-sent events on the topics a page asks
 * for with {@code ?topics=samples,models} (default {@code samples}):
 * <ul>
 * <li>{@code samples}: the latest values of the channels that changed, at most {@value #HZ} times a second
 * ({@code event: samples}, data: an array of samples), so 50 channels at 5 Hz cost one small write per client
 * per period;</li>
 * <li>{@code models}: once a second, every model's scored counter, recent score distribution and drift
 * ({@code event: models}), built once for all clients.</li>
 * </ul>
 * With {@code ?stream=logs&level=WARN} (admin): the gateway's log instead, the last entries first, then each new
 * one at or above the level ({@code event: log}).
 *
 * <p>Bounded: one scheduler thread serves every client and never blocks on one. Writes are non-blocking; a client
 * whose previous frame is still in its connection's buffer is skipped, and what it missed is coalesced into its
 * next frame (latest value per channel, the current model snapshot, the log since its last entry); a client
 * that has not taken a frame for {@value #STALL_SECONDS} s is disconnected (its browser reconnects). With no
 * client, nothing is built. A stream ends when its session ends.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/v1/events",
        "osgi.http.whiteboard.servlet.name=continuum-events",
        "osgi.http.whiteboard.servlet.asyncSupported=true"})
public final class EventsServlet extends HttpServlet {

    static final int HZ = 5;
    static final int STALL_SECONDS = 10;
    static final Set<String> TOPICS = Set.of("samples", "models");
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EventsServlet.class);
    private static final int MAX_CLIENTS = 32;
    private static final int HEARTBEAT_TICKS = 15 * HZ;
    private static final int FIRST_LOG_ENTRIES = 300;
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final class Client implements WriteListener {
        final AsyncContext async;
        final ServletOutputStream out;
        final Principal principal;
        /** For {@code ?stream=logs}: the least level sent; null for the topic stream. */
        final LogLevel logLevel;
        final boolean samples;
        final boolean models;
        boolean opened;
        long sequence;
        long logSequence;
        int idleTicks;
        int stalledTicks;

        Client(AsyncContext async, Principal principal, LogLevel logLevel, Set<String> topics) throws IOException {
            this.async = async;
            this.out = async.getResponse().getOutputStream();
            this.principal = principal;
            this.logLevel = logLevel;
            this.samples = topics.contains("samples");
            this.models = topics.contains("models");
        }

        @Override
        public void onWritePossible() {
            // Frames are written by the scheduler, which asks isReady() at each tick.
        }

        @Override
        public void onError(Throwable failure) {
            close(this);
        }

        /** Writes {@code frame} if the connection took the previous one; false if it is still busy. */
        boolean send(String frame) throws IOException {
            if (!out.isReady()) {
                return false;
            }
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            if (out.isReady()) {
                out.flush();
            }
            return true;
        }
    }

    private final transient SecurityService security;
    private final transient LatestSamples samples;
    private final transient LogTail logs;
    private final transient Backends backends;
    private final transient Authenticator authenticator;
    private final transient CopyOnWriteArrayList<Client> clients = new CopyOnWriteArrayList<>();
    private final transient ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "continuum-events"));
    private transient long ticks;

    @Activate
    public EventsServlet(@Reference SecurityService security, @Reference LatestSamples samples,
            @Reference LogTail logs, @Reference Backends backends) {
        this.security = security;
        this.samples = samples;
        this.logs = logs;
        this.backends = backends;
        this.authenticator = new Authenticator(security);
        scheduler.scheduleWithFixedDelay(this::push, 1000 / HZ, 1000 / HZ, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
        clients.forEach(this::close);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal principal;
        LogLevel logLevel = null;
        Set<String> topics = Set.of();
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
            } else {
                topics = topics(request.getParameter("topics"));
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
        Client client = new Client(async, principal, logLevel, topics);
        client.out.setWriteListener(client);
        clients.add(client);
        scheduler.execute(() -> serve(client, samples.sequence(), logs.sequence(), null));
    }

    static Set<String> topics(String text) {
        if (text == null || text.isBlank()) {
            return Set.of("samples");
        }
        Set<String> topics = java.util.Arrays.stream(text.split(",")).map(String::trim)
                .collect(java.util.stream.Collectors.toSet());
        for (String topic : topics) {
            if (!TOPICS.contains(topic)) {
                throw ApiError.badRequest("unknown topic '" + topic + "' in ?topics=; the topics are " + TOPICS
                        + " (the log has its own stream: ?stream=logs)");
            }
        }
        return topics;
    }

    private void push() {
        if (clients.isEmpty()) {
            return;
        }
        ticks++;
        long now = samples.sequence();
        long logsNow = logs.sequence();
        String models = null;
        if (ticks % HZ == 0 && clients.stream().anyMatch(c -> c.models)) {
            try {
                models = modelsFrame();
            } catch (RuntimeException e) {
                LOG.warn("the models topic is skipped this second: reading the models failed", e);
            }
        }
        for (Client client : clients) {
            serve(client, now, logsNow, models);
        }
    }

    /** One tick for one client: whatever it has not seen yet, if its connection took the last frame. */
    private void serve(Client client, long now, long logsNow, String models) {
        try {
            if (client.principal.session() != null && !security.alive(client.principal.session())) {
                close(client);
                return;
            }
            if (!client.out.isReady()) {
                if (++client.stalledTicks > STALL_SECONDS * HZ) {
                    close(client);
                }
                return;
            }
            client.stalledTicks = 0;
            StringBuilder frame = new StringBuilder();
            if (!client.opened) {
                client.opened = true;
                frame.append("retry: 2000\n\n");
                if (client.logLevel != null) {
                    client.logSequence = logsNow;
                    frame.append(logFrame(logs.since(0, client.logLevel, FIRST_LOG_ENTRIES)));
                } else {
                    client.sequence = now;
                    if (client.samples) {
                        frame.append(frame(samples.changedSince(0)));
                    }
                    if (client.models) {
                        frame.append(modelsFrame());
                    }
                }
            } else if (client.logLevel != null) {
                if (logsNow != client.logSequence) {
                    List<LogEntryLine> fresh = logs.since(client.logSequence, client.logLevel, LogTail.KEEP);
                    client.logSequence = logsNow;
                    if (!fresh.isEmpty()) {
                        frame.append(logFrame(fresh));
                    }
                }
            } else {
                if (client.samples && now != client.sequence) {
                    List<Sample> changed = samples.changedSince(client.sequence);
                    if (!changed.isEmpty()) {
                        frame.append(frame(changed));
                    }
                }
                client.sequence = now;
                if (client.models && models != null) {
                    frame.append(models);
                }
            }
            if (frame.isEmpty() && ++client.idleTicks >= HEARTBEAT_TICKS) {
                frame.append(new String(KEEP_ALIVE, StandardCharsets.UTF_8));
            }
            if (!frame.isEmpty()) {
                client.idleTicks = 0;
                client.send(frame.toString());
            }
        } catch (IOException e) {
            close(client);
        } catch (RuntimeException e) {
            LOG.warn("live stream of '{}' closed: building or writing its frame failed", client.principal.user(), e);
            close(client);
        }
    }

    private String modelsFrame() {
        InferenceService inference = backends.inference;
        return "event: models\ndata: " + (inference == null ? "[]" : LiveModels.all(inference)) + "\n\n";
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

    private static String frame(List<Sample> changed) {
        JsonArray array = new JsonArray();
        for (Sample sample : changed) {
            array.add(AssetsResource.sample(sample));
        }
        return "event: samples\ndata: " + array + "\n\n";
    }
}
