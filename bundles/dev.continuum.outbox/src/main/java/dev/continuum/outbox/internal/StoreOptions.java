package dev.continuum.outbox.internal;

import java.nio.file.Path;

/**
 * How a store file is opened beyond {@link dev.continuum.outbox.OutboxSettings}: {@link #DEFAULT} in the gateway;
 * tests put an H2 file system in front of the file (to watch or fail its writes and fsyncs) and shorten MVStore's
 * retention time (to stand for chunks older than the default 45 s).
 *
 * @param scheme prefixed to the file's absolute path when MVStore and the fsync channel open it: empty, or an H2
 *     {@code FilePath} scheme such as {@code "powercut:"}
 * @param retentionMillis MVStore's retention time, or -1 for its default
 */
record StoreOptions(String scheme, int retentionMillis) {

    static final StoreOptions DEFAULT = new StoreOptions("", -1);

    /** The name MVStore opens {@code file} by. */
    String fileName(Path file) {
        return scheme + file.toAbsolutePath();
    }
}
