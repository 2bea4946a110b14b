package dev.continuum.update.internal.fetch;

import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a URI ({@code http}, {@code https}, {@code file}) to a file or memory, cut off as soon as it
 * passes its size bound, hashing on the way. The bound comes from the signed manifest, so an attacker who
 * controls the server cannot make the gateway fill its disk (TUF's endless-data attack).
 */
public final class Fetcher {

    /** How often a broken download is resumed before it fails. */
    static final int RESUMES = 4;

    /** Receives the byte count as it grows; called on the fetching thread. */
    public interface Progress {
        void bytes(long count);
    }

    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    public Fetcher(int connectTimeoutMillis, int readTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** Reads a small document whole, refusing more than {@code limit} bytes. */
    public byte[] read(URI uri, int limit) throws UpdateException {
        try (InputStream in = open(uri)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new UpdateException(Reason.OVERSIZE, uri + " is larger than the " + limit + " bytes accepted");
            }
            return bytes;
        } catch (IOException e) {
            throw failed(uri, e);
        }
    }

    /**
     * Streams {@code uri} to {@code target}, requiring exactly {@code size} bytes with SHA-256 {@code sha256}.
     * OVERSIZE as soon as byte {@code size + 1} arrives; DIGEST_MISMATCH if it ends short or hashes otherwise.
     *
     * <p>Resumable: the bytes go to {@code target.<digest prefix>.part} first. When the connection breaks the
     * download continues where it stopped ({@code Range} request; a server that answers 200 instead of 206
     * sends it again from the start), up to {@value #RESUMES} times with growing pauses; a part left by an
     * earlier attempt (a failed job, a restart) of the same artifact is resumed too. The digest always covers
     * every byte, so a resumed download is verified exactly as a whole one. The part is deleted when the
     * bytes are refused and renamed to {@code target} when they are accepted.
     */
    public void download(URI uri, Path target, long size, String sha256, Progress progress) throws UpdateException {
        Path part = target.resolveSibling(target.getFileName() + "." + sha256.substring(0, Math.min(16,
                sha256.length())) + ".part");
        MessageDigest digest = sha256();
        long count;
        for (int attempt = 0;; attempt++) {
            try {
                // What is on disk is what counts: the part is hashed again before each attempt.
                digest.reset();
                count = transfer(uri, part, size, resumable(part, size, digest), digest, progress);
                break;
            } catch (IOException e) {
                if (attempt >= RESUMES) {
                    throw failed(uri, e);
                }
                pause(uri, e, attempt);
            } catch (UpdateException e) {
                deleteQuietly(part);
                throw e;
            }
        }
        try {
            if (count != size) {
                throw new UpdateException(Reason.DIGEST_MISMATCH, uri + " has " + count + " bytes; its signed manifest"
                        + " declares " + size);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(sha256)) {
                throw new UpdateException(Reason.DIGEST_MISMATCH, uri + " has SHA-256 " + actual + "; its signed"
                        + " manifest pins " + sha256 + ": the artifact was altered");
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (UpdateException e) {
            deleteQuietly(part);
            throw e;
        } catch (IOException e) {
            deleteQuietly(part);
            throw new UpdateException(Reason.DOWNLOAD_FAILED, "cannot store " + target + ": " + e, e);
        }
    }

    /** Bytes of an earlier attempt to continue from (hashed into {@code digest}); 0 when there are none. */
    private static long resumable(Path part, long size, MessageDigest digest) throws UpdateException {
        try {
            if (!Files.exists(part)) {
                return 0;
            }
            if (Files.size(part) > size) {
                Files.delete(part);
                return 0;
            }
            long count = 0;
            try (InputStream in = Files.newInputStream(part)) {
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    digest.update(buffer, 0, read);
                    count += read;
                }
            }
            Log.LOG.info("resuming the download of {} at byte {} of {}", part.getFileName(), count, size);
            return count;
        } catch (IOException e) {
            throw new UpdateException(Reason.DOWNLOAD_FAILED, "cannot read the partial download " + part + ": " + e, e);
        }
    }

    /** One connection: appends from byte {@code offset} on; returns the byte count reached. */
    private long transfer(URI uri, Path part, long size, long offset, MessageDigest digest, Progress progress)
            throws IOException, UpdateException {
        long count = offset;
        Opened opened = open(uri, offset);
        if (offset > 0 && !opened.resumed()) {
            digest.reset();
            count = 0;
        }
        long start = count;
        try (InputStream in = opened.stream(); OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, count == 0 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                count += read;
                if (count > size) {
                    throw new UpdateException(Reason.OVERSIZE, uri + " sent more than the " + size
                            + " bytes its signed manifest declares; download cut off at " + count + " bytes");
                }
                digest.update(buffer, 0, read);
                out.write(buffer, 0, read);
                progress.bytes(count);
            }
        } catch (IOException e) {
            throw new PartialDownload(count, e);
        }
        if (count < size && count > start) {
            // Ended early but made progress: a dropped connection that looked like a clean end (proxies do
            // that). Resumed; a server that keeps sending nothing more ends in DIGEST_MISMATCH.
            throw new PartialDownload(count, new java.io.EOFException("the transfer ended after " + count + " of "
                    + size + " bytes"));
        }
        return count;
    }

    private static void pause(URI uri, IOException e, int attempt) throws UpdateException {
        long count = e instanceof PartialDownload partial ? partial.count : -1;
        long millis = 500L << attempt;
        Log.LOG.warn("download of {} broke{} ({}); resuming in {} ms", uri, count < 0 ? "" : " at byte " + count,
                e.getCause() == null ? e.getMessage() : e.getCause().toString(), millis);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new UpdateException(Reason.DOWNLOAD_FAILED, "download of " + uri + " interrupted", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            Log.LOG.warn("cannot delete {}: {}", file, e.toString());
        }
    }

    private InputStream open(URI uri) throws IOException, UpdateException {
        return open(uri, 0).stream();
    }

    /** A response stream, and whether it starts at the requested offset (206) or at byte 0. */
    private record Opened(InputStream stream, boolean resumed) {
    }

    private Opened open(URI uri, long offset) throws IOException, UpdateException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
            throw new UpdateException(Reason.DOWNLOAD_FAILED, "scheme of " + uri + " is not supported; accepted:"
                    + " http, https, file");
        }
        URLConnection connection = uri.toURL().openConnection();
        connection.setConnectTimeout(connectTimeoutMillis);
        connection.setReadTimeout(readTimeoutMillis);
        connection.setUseCaches(false);
        if (connection instanceof HttpURLConnection http) {
            http.setInstanceFollowRedirects(false);
            if (offset > 0) {
                http.setRequestProperty("Range", "bytes=" + offset + "-");
            }
            int status = http.getResponseCode();
            if (status != 200 && !(offset > 0 && status == 206)) {
                http.disconnect();
                throw new UpdateException(Reason.DOWNLOAD_FAILED, uri + " answered HTTP " + status + "; expected 200"
                        + (offset > 0 ? " or 206" : ""));
            }
            return new Opened(connection.getInputStream(), status == 206);
        }
        InputStream in = connection.getInputStream();
        in.skipNBytes(offset);
        return new Opened(in, true);
    }

    /** A broken connection after {@code count} bytes in all. */
    private static final class PartialDownload extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient long count;

        PartialDownload(long count, IOException cause) {
            super(cause.getMessage(), cause);
            this.count = count;
        }
    }

    private static UpdateException failed(URI uri, IOException e) {
        return new UpdateException(Reason.DOWNLOAD_FAILED, "download of " + uri + " failed: " + e, e);
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Loaded on first use: the build-time signing tool uses {@link #sha256()} without a logging backend. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);
    }
}
