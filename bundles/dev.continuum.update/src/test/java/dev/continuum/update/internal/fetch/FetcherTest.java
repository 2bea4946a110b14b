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
        assertThat(target).satisfies(file -> assertThat(Files.size(file)).isLessThanOrEqualTo(100_000));
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
