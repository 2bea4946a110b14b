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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Streams a URI ({@code http}, {@code https}, {@code file}) to a file or memory, cut off as soon as it
 * passes its size bound, hashing on the way. The bound comes from the signed manifest, so an attacker who
 * controls the server cannot make the gateway fill its disk (TUF's endless-data attack).
 */
public final class Fetcher {

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
     */
    public void download(URI uri, Path target, long size, String sha256, Progress progress) throws UpdateException {
        MessageDigest digest = sha256();
        long count = 0;
        try (InputStream in = open(uri); OutputStream out = Files.newOutputStream(target)) {
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
            throw failed(uri, e);
        }
        if (count != size) {
            throw new UpdateException(Reason.DIGEST_MISMATCH, uri + " has " + count + " bytes; its signed manifest"
                    + " declares " + size);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(sha256)) {
            throw new UpdateException(Reason.DIGEST_MISMATCH, uri + " has SHA-256 " + actual + "; its signed"
                    + " manifest pins " + sha256 + ": the artifact was altered");
        }
    }

    private InputStream open(URI uri) throws IOException, UpdateException {
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
            int status = http.getResponseCode();
            if (status != 200) {
                http.disconnect();
                throw new UpdateException(Reason.DOWNLOAD_FAILED, uri + " answered HTTP " + status + "; expected 200");
            }
        }
        return connection.getInputStream();
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
}
