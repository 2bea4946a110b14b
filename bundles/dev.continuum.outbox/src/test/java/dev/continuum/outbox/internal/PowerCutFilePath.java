package dev.continuum.outbox.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system ({@code powercut:PATH}) on the real disk that remembers, per file, what a power cut could leave:
 * at every completed fsync it copies the file (the <em>durable image</em>) and then records the writes made since
 * ({@link Watched#checkPowerCuts}). It also behaves like the JDK's channel when a thread is interrupted in a read or write: the
 * JDK closes the channel for every thread, and so does this wrapper (else MVStore would still see it open), and a
 * test can run code right after the next write of a file returns.
 */
public final class PowerCutFilePath extends FilePathWrapper {

    static final String SCHEME = "powercut";
    private static final int BLOCK = 4096;
    private static final Map<String, Watched> FILES = new ConcurrentHashMap<>();

    static {
        FilePath.register(new PowerCutFilePath());
    }

    /** What this file system knows of one file. */
    static final class Watched {
        /** From the last fsync before {@link #recordFromNow()} (or the latest only) to now. */
        private final List<Span> spans = new ArrayList<>(List.of(new Span(new byte[0])));
        private boolean recording;
        private final AtomicInteger forces = new AtomicInteger();
        private final AtomicInteger closedByInterrupt = new AtomicInteger();
        private volatile Consumer<FileChannel> afterNextWrite;
        private volatile Runnable beforeNextForce;
        private final Set<String> ioThreads = ConcurrentHashMap.newKeySet();
        private volatile IOException forceFailure;
        private volatile IOException nextForceFailure;
        /** Blocks whose writeback failed ("fsyncgate"): what the disk keeps there instead of the page cache's. */
        private final Map<Long, byte[]> lost = new HashMap<>();
        private volatile IOException nextWriteFailure;
        /** Writeback errors so far ({@link #failWritebackNow}); each channel reports those after its opening once. */
        private volatile int writebackErrors;
        private volatile IOException writebackError;

        /** Fsyncs of the file that completed (through any channel). */
        int forces() {
            return forces.get();
        }

        /** How often a channel of the file was closed by an interrupted read or write. */
        int closedByInterrupt() {
            return closedByInterrupt.get();
        }

        /** Runs {@code action} with the channel, on the writing thread, right after the next write returns. */
        void afterNextWrite(Consumer<FileChannel> action) {
            afterNextWrite = action;
        }

        /** Runs {@code action} on the fsyncing thread when the next fsync of the file begins. */
        void beforeNextForce(Runnable action) {
            beforeNextForce = action;
        }

        /** The names of the threads that read or wrote the file (through any channel) so far. */
        Set<String> ioThreads() {
            return Set.copyOf(ioThreads);
        }

        /** Makes every fsync of the file fail with {@code e} from now on (null: they work again). */
        void failForcesWith(IOException e) {
            forceFailure = e;
        }

        /**
         * Makes the next fsync fail with {@code e} the way a failed writeback does on Linux: the writes since the
         * last fsync never reach the disk, but the page cache keeps (and serves) their content, and later fsyncs
         * succeed without writing them.
         */
        void failNextForceLikeAFailedWriteback(IOException e) {
            nextForceFailure = e;
        }

        /** Makes the next write of the file fail with {@code e}, writing nothing. */
        void failNextWriteWith(IOException e) {
            nextWriteFailure = e;
        }

        /**
         * A writeback of the writes since the last fsync fails now, before any fsync asked for it: they never reach
         * the disk (the page cache keeps serving them), and, as Linux does, the next fsync of each channel opened
         * before now reports {@code e} once; channels opened later never do.
         */
        synchronized void failWritebackNow(IOException e) {
            writebackFailed();
            writebackError = e;
            writebackErrors++;
        }

        /** Writes made since the last completed fsync. */
        synchronized int unsyncedWrites() {
            return spans.get(spans.size() - 1).writes.size();
        }

        /** The file's content when its last fsync completed. */
        synchronized byte[] durableImage() {
            return spans.get(spans.size() - 1).durable.clone();
        }

        /** Keeps every fsync's span from now on (until now only the latest is kept), for {@link #checkPowerCuts}. */
        synchronized void recordFromNow() {
            recording = true;
        }

        /**
         * Hands {@code check} what the disk may have held after a power cut at any moment since
         * {@link #recordFromNow()} (or since the last fsync): per fsync span, the durable image (the content when the
         * fsync completed) with some of the writes made in the span laid over it, as far as they fall inside its
         * length (into space MVStore reused); writes beyond it (chunks appended to the file) are taken as not written
         * back, the worst case for a version that needs them. The kernel writes dirty pages back in any order, so
         * the images are: the first k writes for every k (written back in the order they were made), and each write
         * alone (one written back).
         */
        synchronized void checkPowerCuts(ImageCheck check) throws Exception {
            for (int s = 0; s < spans.size(); s++) {
                Span span = spans.get(s);
                byte[] prefix = span.durable.clone();
                check.accept("span " + s + ", the durable image", prefix.clone());
                for (int w = 0; w < span.writes.size(); w++) {
                    if (span.writes.get(w).layOver(prefix)) {
                        check.accept("span " + s + ", writes 0.." + w + " of " + span.writes.size(), prefix.clone());
                    }
                    byte[] alone = span.durable.clone();
                    if (w > 0 && span.writes.get(w).layOver(alone)) {
                        check.accept("span " + s + ", write " + w + " of " + span.writes.size() + " alone", alone);
                    }
                }
            }
        }

        private synchronized void written(long position, byte[] bytes) {
            spans.get(spans.size() - 1).writes.add(new Write(position, bytes));
            for (long block = position / BLOCK; block * BLOCK < position + bytes.length; block++) {
                lost.remove(block); // written again: it is written back with the next fsync
            }
        }

        private synchronized void forced(byte[] content) {
            for (Map.Entry<Long, byte[]> block : lost.entrySet()) {
                int at = (int) (block.getKey() * BLOCK);
                if (at < content.length) {
                    System.arraycopy(block.getValue(), 0, content, at, Math.min(BLOCK, content.length - at));
                }
            }
            if (!recording) {
                spans.clear();
            }
            spans.add(new Span(content));
            forces.incrementAndGet();
        }

        private synchronized void writebackFailed() {
            Span span = spans.get(spans.size() - 1);
            for (Write write : span.writes) {
                for (long block = write.position() / BLOCK; block * BLOCK < write.position() + write.bytes().length;
                        block++) {
                    byte[] onDisk = new byte[BLOCK];
                    int at = (int) (block * BLOCK);
                    if (at < span.durable.length) {
                        System.arraycopy(span.durable, at, onDisk, 0, Math.min(BLOCK, span.durable.length - at));
                    }
                    lost.putIfAbsent(block, onDisk);
                }
            }
            span.writes.clear();
        }
    }

    /** Checks one power-cut image of a store file. */
    interface ImageCheck {
        void accept(String description, byte[] image) throws Exception;
    }

    private record Span(byte[] durable, List<Write> writes) {
        Span(byte[] durable) {
            this(durable, new ArrayList<>());
        }
    }

    private record Write(long position, byte[] bytes) {
        /** Copies what falls inside {@code image}; whether anything did. */
        boolean layOver(byte[] image) {
            long length = Math.min(bytes.length, image.length - position);
            if (length <= 0) {
                return false;
            }
            System.arraycopy(bytes, 0, image, (int) position, (int) length);
            return true;
        }
    }

    /** Options that open the store through this file system with the given MVStore retention time. */
    static StoreOptions options(int retentionMillis) {
        return new StoreOptions(new StoreOptions.Files() {
            @Override
            public String storeName(Path file) {
                return SCHEME + ":" + file;
            }

            @Override
            public FileChannel openForSync(Path file) throws IOException {
                return FilePath.get(storeName(file)).open("r");
            }

            @Override
            public void replace(Path from, Path to) {
                FilePath.get(storeName(from)).moveTo(FilePath.get(storeName(to)), true);
            }

            @Override
            public void deleteIfExists(Path file) {
                FilePath path = FilePath.get(storeName(file));
                if (path.exists()) {
                    path.delete();
                }
            }
        }, retentionMillis);
    }

    /** The record of {@code file} (created on first use; a test uses a fresh directory). */
    static Watched watched(Path file) {
        return FILES.computeIfAbsent(file.toAbsolutePath().toString(), name -> new Watched());
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public void moveTo(FilePath newName, boolean atomicReplace) {
        super.moveTo(newName, atomicReplace);
        // The file now under the new name is the one moved: its record goes with it.
        String to = ((FilePathWrapper) newName).unwrap().toString();
        FILES.put(Path.of(to).toAbsolutePath().toString(), watched(Path.of(getBase().toString())));
        FILES.remove(Path.of(getBase().toString()).toAbsolutePath().toString());
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        String name = getBase().toString();
        return new Channel(getBase().open(mode), Path.of(name), watched(Path.of(name)));
    }

    private static final class Channel extends FileBase {
        private final FileChannel base;
        private final Path file;
        private final Watched watched;
        /** The writeback errors this channel reported, or that were there when it was opened. */
        private int writebackErrorsSeen;

        Channel(FileChannel base, Path file, Watched watched) {
            this.base = base;
            this.file = file;
            this.watched = watched;
            this.writebackErrorsSeen = watched.writebackErrors;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            Runnable before = watched.beforeNextForce;
            if (before != null) {
                watched.beforeNextForce = null;
                before.run();
            }
            IOException failure = watched.forceFailure;
            if (failure != null) {
                throw failure;
            }
            failure = watched.nextForceFailure;
            if (failure != null) {
                watched.nextForceFailure = null;
                watched.writebackFailed();
                throw failure;
            }
            int errors = watched.writebackErrors;
            if (errors > writebackErrorsSeen) {
                writebackErrorsSeen = errors;
                throw watched.writebackError;
            }
            synchronized (watched) {
                base.force(metaData);
                watched.forced(Files.readAllBytes(file));
            }
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            watched.ioThreads.add(Thread.currentThread().getName());
            try {
                return base.read(dst, position);
            } catch (ClosedByInterruptException e) {
                throw closedByInterrupt(e);
            }
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            watched.ioThreads.add(Thread.currentThread().getName());
            IOException failure = watched.nextWriteFailure;
            if (failure != null) {
                watched.nextWriteFailure = null;
                throw failure;
            }
            int written;
            ByteBuffer copy = src.duplicate();
            try {
                written = base.write(src, position);
            } catch (ClosedByInterruptException e) {
                throw closedByInterrupt(e);
            }
            byte[] bytes = new byte[written];
            copy.get(bytes);
            watched.written(position, bytes);
            Consumer<FileChannel> action = watched.afterNextWrite;
            if (action != null) {
                watched.afterNextWrite = null;
                action.accept(this);
            }
            return written;
        }

        private ClosedByInterruptException closedByInterrupt(ClosedByInterruptException e) throws IOException {
            watched.closedByInterrupt.incrementAndGet();
            close();
            return e;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return base.write(src);
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            base.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            base.truncate(size);
            return this;
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
