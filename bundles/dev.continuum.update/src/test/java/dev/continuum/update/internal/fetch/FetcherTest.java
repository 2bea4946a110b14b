package dev.continuum.update.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetcherTest {

    @TempDir
    Path dir;
    private HttpServer server;
    private final AtomicLong served = new AtomicLong();
    private final Fetcher fetcher = new Fetcher(2000, 2000);

    @BeforeEach
    void endlessServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[8192];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) {
                    out.write(chunk);
                    served.addAndGet(chunk.length);
                }
            } catch (IOException clientGone) {
                // the fetcher hung up: expected
            }
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    /** Serves {@code content}; the first {@code breaks} responses stop after {@code breakAt} more bytes. */
    private void flaky(String path, byte[] content, int breaks, int breakAt, boolean honourRange) {
        AtomicLong remainingBreaks = new AtomicLong(breaks);
        server.createContext(path, exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(range == null ? "" : range);
            int from = honourRange && range != null ? Integer.parseInt(range.replaceAll("\\D", "")) : 0;
            exchange.sendResponseHeaders(from > 0 ? 206 : 200, content.length - from);
            OutputStream out = exchange.getResponseBody();
            if (remainingBreaks.getAndDecrement() > 0) {
                out.write(content, from, Math.min(breakAt, content.length - from));
                out.flush();
                exchange.close(); // fewer bytes than announced: the client sees a broken transfer
                return;
            }
            out.write(content, from, content.length - from);
            out.close();
        });
    }

    private final java.util.List<String> ranges = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static byte[] content(int size) {
        byte[] content = new byte[size];
        new java.util.Random(7).nextBytes(content);
        return content;
    }

    private static String sha(byte[] content) {
        return HexFormat.of().formatHex(Fetcher.sha256().digest(content));
    }

    @Test
    void resumesABrokenDownloadWhereItStoppedAndVerifiesEveryByte() throws Exception {
        byte[] content = content(300_000);
        flaky("/flaky", content, 2, 100_000, true);
        Path target = dir.resolve("a.dp");

        fetcher.download(uri("/flaky"), target, content.length, sha(content), bytes -> { });

        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(ranges).hasSize(3);
        assertThat(ranges.get(0)).isEmpty();
        assertThat(ranges.get(1)).startsWith("bytes=").endsWith("-").isNotEqualTo("bytes=0-");
        assertThat(dir.toFile().list()).containsExactly("a.dp");
    }

    @Test
    void startsAgainWhenTheServerIgnoresTheRange() throws Exception {
        byte[] content = content(200_000);
        flaky("/norange", content, 1, 50_000, false);
        Path target = dir.resolve("b.dp");

        fetcher.download(uri("/norange"), target, content.length, sha(content), bytes -> { });

        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(ranges).hasSize(2);
    }

    @Test
    void resumesThePartThatAnEarlierAttemptLeft() throws Exception {
        byte[] content = content(120_000);
        flaky("/rest", content, 0, 0, true);
        Path target = dir.resolve("c.dp");
        String sha = sha(content);
        Files.write(dir.resolve("c.dp." + sha.substring(0, 16) + ".part"), java.util.Arrays.copyOf(content, 70_000));

        fetcher.download(uri("/rest"), target, content.length, sha, bytes -> { });

        assertThat(ranges).containsExactly("bytes=70000-");
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
    }

    @Test
    void aResumedDownloadWithAlteredBytesIsRefusedAndItsPartDeleted() throws Exception {
        byte[] content = content(120_000);
        flaky("/altered", content, 0, 0, true);
        Path target = dir.resolve("d.dp");
        String sha = sha(content);
        byte[] tampered = java.util.Arrays.copyOf(content, 70_000);
        tampered[10] ^= 1;
        Files.write(dir.resolve("d.dp." + sha.substring(0, 16) + ".part"), tampered);

        assertThatThrownBy(() -> fetcher.download(uri("/altered"), target, content.length, sha, bytes -> { }))
                .extracting(e -> ((UpdateException) e).reason()).isEqualTo(Reason.DIGEST_MISMATCH);
        assertThat(dir.toFile().list()).isEmpty();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void cutsOffAnEndlessDownloadRightAfterTheDeclaredSize() {
        Path target = dir.resolve("a.dp");

        assertThatThrownBy(() -> fetcher.download(uri("/endless"), target, 100_000, "00".repeat(32), bytes -> { }))
                .isInstanceOf(UpdateException.class).hasMessageContaining("cut off")
                .extracting(e -> ((UpdateException) e).reason()).isEqualTo(Reason.OVERSIZE);
        assertThat(target).doesNotExist();
        assertThat(dir.toFile().list()).as("nothing left behind").isEmpty();
    }

    @Test
    void refusesAnArtifactWhoseBytesDoNotHashToThePinnedDigest() throws IOException {
        Path source = dir.resolve("source");
        Files.write(source, new byte[] {1, 2, 3});
        String sha = HexFormat.of().formatHex(Fetcher.sha256().digest(new byte[] {1, 2, 4}));

        assertThatThrownBy(() -> fetcher.download(source.toUri(), dir.resolve("t"), 3, sha, bytes -> { }))
                .extracting(e -> ((UpdateException) e).reason()).isEqualTo(Reason.DIGEST_MISMATCH);
    }

    @Test
    void refusesAShorterArtifactThanDeclared() throws IOException {
        Path source = dir.resolve("source");
        Files.write(source, new byte[] {1, 2, 3});
        String sha = HexFormat.of().formatHex(Fetcher.sha256().digest(new byte[] {1, 2, 3}));

        assertThatThrownBy(() -> fetcher.download(source.toUri(), dir.resolve("t"), 4, sha, bytes -> { }))
                .extracting(e -> ((UpdateException) e).reason()).isEqualTo(Reason.DIGEST_MISMATCH);
    }

    @Test
    void downloadsAnArtifactThatMatchesItsPin() throws Exception {
        Path source = dir.resolve("source");
        Files.write(source, new byte[] {1, 2, 3});
        String sha = HexFormat.of().formatHex(Fetcher.sha256().digest(new byte[] {1, 2, 3}));
        Path target = dir.resolve("t");

        fetcher.download(source.toUri(), target, 3, sha, bytes -> { });

        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
    }

    @Test
    void refusesAnOversizedManifestAndAnHttpError() {
        assertThatThrownBy(() -> fetcher.read(uri("/endless"), 1024))
                .extracting(e -> ((UpdateException) e).reason()).isEqualTo(Reason.OVERSIZE);
        assertThatThrownBy(() -> fetcher.read(uri("/missing"), 1024)).hasMessageContaining("HTTP 404")
                .extracting(e -> ((UpdateException) e).reason()).isEqualTo(Reason.DOWNLOAD_FAILED);
    }
}
