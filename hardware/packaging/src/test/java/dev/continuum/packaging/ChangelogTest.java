package dev.continuum.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ChangelogTest {

    @Test
    void isADebianChangelogEntryGzippedAtBestCompressionWithoutTimestamp() throws IOException {
        byte[] gzip = Changelog.gzipped("continuum-raspberry-pi-4", "0.1.0-SNAPSHOT");

        assertThat(gzip[8]).as("XFL: best compression").isEqualTo((byte) 2);
        assertThat(new byte[] {gzip[4], gzip[5], gzip[6], gzip[7]}).as("MTIME").containsOnly(0);
        String text = new String(new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("continuum-raspberry-pi-4 (0.1.0~SNAPSHOT) stable; urgency=medium\n")
                .containsPattern("\n -- Continuum developers <dev@continuum.dev>  \\w{3}, \\d{2} \\w{3} \\d{4} "
                        + "\\d{2}:\\d{2}:\\d{2} \\+0000\n$");
    }
}
