package dev.continuum.outbox.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Rewrites a store's live data into a fresh file that replaces it, after an fsync failed.
 *
 * <p>On Linux (ext4, xfs) a failed writeback marks the pages clean but keeps their content in the page cache: a store
 * reopened on the same file reads chunks that may never have reached the disk, builds new versions on them, and the
 * next fsync succeeds, so confirmed messages would be lost on a power cut ("fsyncgate"). The fresh file is written
 * from what the open store reads (the page cache), fsynced, renamed over the old one, and the directory fsynced,
 * before anything new is written or confirmed.
 */
final class FreshFile {

    /** Records copied per commit of the fresh store: bounds the heap the copy holds at once. */
    private static final int COMMIT_EVERY = 10_000;

    private FreshFile() {
    }

    /**
     * Copies every map of {@code old} (still open) into a new file beside {@code file}, fsyncs it and renames it over
     * {@code file}. The caller closes {@code old} and opens {@code file} again.
     *
     * @throws IOException if any step failed; {@code file} is then unchanged
     */
    static void replace(StoreState old, Path file, StoreOptions options) throws IOException {
        Path target = file.toAbsolutePath();
        Path fresh = target.resolveSibling(target.getFileName() + ".rewrite");
        StoreOptions.Files files = options.files();
        files.deleteIfExists(fresh);
        try {
            MVStore rewritten = StoreOpener.openFile(options.fileName(fresh));
            try {
                copy(old.meta(), rewritten.openMap(old.meta().getName()), rewritten);
                for (MVMap<Long, byte[]> queue : old.queues()) {
                    copy(queue, rewritten.openMap(queue.getName(), new MVMap.Builder<Long, byte[]>()
                            .keyType(queue.getKeyType()).valueType(queue.getValueType())), rewritten);
                }
                rewritten.commit();
                rewritten.close();
            } finally {
                rewritten.closeImmediately();
            }
            try (FileChannel channel = files.openForSync(fresh)) {
                channel.force(true);
            }
            files.replace(fresh, target);
        } catch (RuntimeException e) {
            throw new IOException("cannot rewrite " + target + " into " + fresh + ": " + e, e);
        } finally {
            files.deleteIfExists(fresh);
        }
        try (FileChannel directory = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private static <K, V> void copy(MVMap<K, V> from, Map<K, V> to, MVStore target) {
        int copied = 0;
        for (Cursor<K, V> cursor = from.cursor(null); cursor.hasNext();) {
            K key = cursor.next();
            to.put(key, cursor.getValue());
            if (++copied % COMMIT_EVERY == 0) {
                target.commit();
            }
        }
    }
}
