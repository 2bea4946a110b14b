package dev.continuum.outbox.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * How a store file is opened beyond {@link dev.continuum.outbox.OutboxSettings}: {@link #DEFAULT} in the gateway;
 * tests put an H2 file system in front of the file (to watch or fail its writes and fsyncs) and shorten MVStore's
 * retention time (to stand for chunks older than {@link #RETENTION_MILLIS}).
 *
 * @param files how the store's files are named, opened for fsync, renamed and deleted
 * @param retentionMillis MVStore's retention time, or -1 for MVStore's default (45 s)
 */
record StoreOptions(Files files, int retentionMillis) {

    /**
     * How long MVStore keeps a chunk that holds no live page, counted from the chunk's creation: 1 s, not MVStore's
     * 45 s. MVStore's retention stands in for an fsync it does not make; the outbox makes its own and pins the
     * version the last one covered ({@link DurableCommit}), so what a power cut leaves does not depend on it
     * ({@code PowerCutTest} runs with 0). What it still covers is a reader holding an old root while commits go on;
     * the reads on other threads than the writer's pin their version too ({@code MvOutbox.pinned}: the sender's, and
     * a producer's in a full outbox; MVStore's compaction pins its own). At 45 s, a group commit every 5 ms kept
     * ~9,000 dead chunks: ~45 s of writes in the file, and their bookkeeping (~0.5 KB of heap each) lived long
     * enough to be promoted and filled the old generation of the gateway's 80 MB heap at ~0.07 MB/s. A second
     * keeps the file to about a second of writes, and the bookkeeping dies young.
     */
    static final int RETENTION_MILLIS = 1000;

    static final StoreOptions DEFAULT = new StoreOptions(Files.DISK, RETENTION_MILLIS);

    /** The name MVStore opens {@code file} by. */
    String fileName(Path file) {
        return files.storeName(file.toAbsolutePath());
    }

    /**
     * The file operations on store files besides MVStore's own. (H2's {@code FilePath}, which MVStore opens files
     * through, is not exported by the h2-mvstore bundle; tests implement this with it.)
     */
    interface Files {
        Files DISK = new Files() {
            @Override
            public String storeName(Path file) {
                return file.toString();
            }

            @Override
            public FileChannel openForSync(Path file) throws IOException {
                return FileChannel.open(file, StandardOpenOption.READ);
            }

            @Override
            public void replace(Path from, Path to) throws IOException {
                java.nio.file.Files.move(from, to, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }

            @Override
            public void deleteIfExists(Path file) throws IOException {
                java.nio.file.Files.deleteIfExists(file);
            }
        };

        /** The name MVStore opens the (absolute) {@code file} by. */
        String storeName(Path file);

        /** A new read-only channel of {@code file}, whose {@code force} is the fsync of that file. */
        FileChannel openForSync(Path file) throws IOException;

        /** Renames {@code from} to {@code to} atomically, replacing {@code to}. */
        void replace(Path from, Path to) throws IOException;

        void deleteIfExists(Path file) throws IOException;
    }
}
