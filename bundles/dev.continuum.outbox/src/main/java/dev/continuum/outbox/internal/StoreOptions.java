package dev.continuum.outbox.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * How a store file is opened beyond {@link dev.continuum.outbox.OutboxSettings}: {@link #DEFAULT} in the gateway;
 * tests put an H2 file system in front of the file (to watch or fail its writes and fsyncs) and shorten MVStore's
 * retention time (to stand for chunks older than the default 45 s).
 *
 * @param files how the store's files are named, opened for fsync, renamed and deleted
 * @param retentionMillis MVStore's retention time, or -1 for its default
 */
record StoreOptions(Files files, int retentionMillis) {

    static final StoreOptions DEFAULT = new StoreOptions(Files.DISK, -1);

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
