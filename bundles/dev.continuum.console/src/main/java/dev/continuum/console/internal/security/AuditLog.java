package dev.continuum.console.internal.security;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management plane's audit trail: one JSON object per line in {@code DATA/log/audit.log} with
 * {@code time}, {@code user}, {@code address}, {@code action} and {@code detail}. Each entry is flushed
 * when written. The most recent entries are kept in memory for the console. Thread-safe.
 */
public final class AuditLog implements AutoCloseable {

    static final String FILE = "log/audit.log";
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final int RECENT = 500;

    private final Path file;
    private final Writer writer;
    private final Deque<String> recent = new ArrayDeque<>();

    public AuditLog(Path data) throws IOException {
        this.file = data.resolve(FILE);
        Files.createDirectories(file.getParent());
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    public Path file() {
        return file;
    }

    /**
     * Records one event.
     *
     * @param user who (the account named at login for failed logins), or {@code -}
     * @param address the client's address
     * @param action what, e.g. {@code login}, {@code login.failed}, {@code pipeline.update}
     * @param detail the object and outcome
     */
    public synchronized void record(String user, String address, String action, String detail) {
        JsonObject entry = new JsonObject();
        entry.addProperty("time", Instant.now().toString());
        entry.addProperty("user", user == null ? "-" : user);
        entry.addProperty("address", address);
        entry.addProperty("action", action);
        entry.addProperty("detail", detail);
        String line = entry.toString();
        recent.addLast(line);
        if (recent.size() > RECENT) {
            recent.removeFirst();
        }
        try {
            writer.write(line);
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            LOG.error("audit entry not written to {}: {}", file, line, e);
        }
    }

    /** Up to {@code limit} of the most recent entries, oldest first, as JSON lines. */
    public synchronized List<String> recent(int limit) {
        List<String> all = new ArrayList<>(recent);
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
