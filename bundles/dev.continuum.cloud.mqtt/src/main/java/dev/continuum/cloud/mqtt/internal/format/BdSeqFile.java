package dev.continuum.cloud.mqtt.internal.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sparkplug's {@code bdSeq} kept in a file, so that it goes on across gateway restarts: each {@link #next()}
 * is the previous value plus one (0 after 255; 0 when there is no file yet) and is on disk (written to a
 * temporary file, forced, renamed atomically) before it is returned, that is before the CONNECT that
 * registers the NDEATH will carrying it.
 *
 * <p>A file that cannot be read is reported and counted from 0; a value that cannot be written is reported
 * and used anyway (the sequence goes on in memory), since refusing to connect would be worse than a bdSeq a
 * host application may see repeated after the next restart.
 *
 * @see <a href="https://sparkplug.eclipse.org/specification/version/3.0/documents/sparkplug-specification-3.0.0.pdf">Sparkplug 3.0, 6.4.2 bdSeq</a>
 */
public final class BdSeqFile {

    private static final Logger LOG = LoggerFactory.getLogger(BdSeqFile.class);

    private final Path file;
    private long last = -2;

    /** @param file where the value lives; {@code null} keeps it in memory only (0 at every start) */
    public BdSeqFile(Path file) {
        this.file = file;
    }

    /** The bdSeq for the next connection, stored before it is returned. */
    public synchronized long next() {
        if (last == -2) {
            last = read();
        }
        last = (last + 1) % 256;
        write(last);
        return last;
    }

    /** The value {@link #next()} returned last, or 0 before the first. */
    public synchronized long current() {
        return Math.max(0, last);
    }

    private long read() {
        if (file == null || !Files.exists(file)) {
            return -1;
        }
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            long value = Long.parseLong(text);
            if (value < 0 || value > 255) {
                throw new NumberFormatException("out of range 0..255: " + value);
            }
            return value;
        } catch (IOException | NumberFormatException e) {
            LOG.warn("Sparkplug bdSeq file {} is unreadable ({}); counting from 0 again", file, e.toString());
            return -1;
        }
    }

    private void write(long value) {
        if (file == null) {
            return;
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap((value + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("Sparkplug bdSeq {} could not be stored in {} ({}); a restart may repeat it", value, file,
                    e.toString());
        }
    }
}
