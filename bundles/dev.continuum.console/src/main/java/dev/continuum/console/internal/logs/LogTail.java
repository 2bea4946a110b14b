package dev.continuum.console.internal.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the gateway's log file ({@code continuum.log.dir/continuum.log}, written by the launcher) and
 * keeps its last {@value #KEEP} entries in memory, numbered, for the console's live tail. Survives the
 * file's rotation (a new file or a shorter one is read from its start). One thread polls every
 * {@value #POLL_MILLIS} ms and reads at most {@value #MAX_READ} bytes per poll, so a log storm costs
 * bounded work. Without the file (a runtime not started by the launcher) the tail stays empty.
 */
@Component(service = LogTail.class)
public final class LogTail {

    public static final int KEEP = 2000;
    static final long POLL_MILLIS = 300;
    static final int MAX_READ = 1024 * 1024;
    private static final long HISTORY_BYTES = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(LogTail.class);

    private final Path file;
    private final ArrayDeque<LogEntryLine> entries = new ArrayDeque<>();
    private final LogLines lines = new LogLines();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "continuum-log-tail");
        thread.setDaemon(true);
        return thread;
    });
    private long position = -1;
    private Object fileKey;
    private long sequence;

    @Activate
    public LogTail(BundleContext context) {
        this(logFile(context));
        poller.scheduleWithFixedDelay(this::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    LogTail(Path file) {
        this.file = file;
    }

    @Deactivate
    void deactivate() {
        poller.shutdownNow();
    }

    static Path logFile(BundleContext context) {
        String dir = context.getProperty("continuum.log.dir");
        if (dir == null) {
            String data = context.getProperty("continuum.data");
            dir = Path.of(data == null ? "data" : data).resolve("log").toString();
        }
        return Path.of(dir, "continuum.log");
    }

    public Path file() {
        return file;
    }

    /**
     * Entries after {@code since} (a sequence number, 0 for all kept) at {@code min} or above, oldest first;
     * the newest {@code limit} of them.
     */
    public synchronized List<LogEntryLine> since(long since, LogLevel min, int limit) {
        List<LogEntryLine> found = new ArrayList<>();
        for (LogEntryLine entry : entries) {
            if (entry.sequence() > since && entry.level().atLeast(min)) {
                found.add(entry);
            }
        }
        return found.subList(Math.max(0, found.size() - limit), found.size());
    }

    public synchronized long sequence() {
        return sequence;
    }

    /** Reads what was appended since the last poll; package-private so tests drive it without the thread. */
    void poll() {
        try {
            if (!Files.exists(file)) {
                return;
            }
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            long size = attributes.size();
            if (position < 0) {
                position = Math.max(0, size - HISTORY_BYTES);
                lines.skipToNextLine(position > 0);
            } else if (size < position || !Objects.equals(fileKey, attributes.fileKey())) {
                position = 0;
                lines.skipToNextLine(false);
            }
            fileKey = attributes.fileKey();
            if (size == position) {
                return;
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(MAX_READ, size - position));
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.read(buffer, position);
            }
            position += buffer.position();
            List<LogEntryLine> parsed = lines.feed(new String(buffer.array(), 0, buffer.position(),
                    StandardCharsets.UTF_8));
            append(parsed);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot follow {}: {}", file, e.toString());
        }
    }

    private synchronized void append(List<LogEntryLine> parsed) {
        for (LogEntryLine entry : parsed) {
            entries.addLast(entry.numbered(++sequence));
            if (entries.size() > KEEP) {
                entries.removeFirst();
            }
        }
    }
}
