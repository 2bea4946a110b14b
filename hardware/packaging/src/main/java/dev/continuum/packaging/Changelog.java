package dev.continuum.packaging;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The package's {@code /usr/share/doc/PACKAGE/changelog.gz} (Debian policy 12.7): one entry for this
 * build. Its version is the Maven version in Debian form ({@code 0.1.0-SNAPSHOT} as {@code 0.1.0~SNAPSHOT});
 * the package version itself (jdeb's, which adds a timestamp to snapshots) is in the control file.
 */
final class Changelog {

    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private Changelog() {
    }

    static byte[] gzipped(String packageName, String mavenVersion) {
        String text = packageName + " (" + mavenVersion.replace('-', '~') + ") stable; urgency=medium\n\n"
                + "  * Built from the Continuum sources; see the project's history for changes.\n\n"
                + " -- Continuum developers <dev@continuum.dev>  "
                + RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\n";
        return gzipBest(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * gzip at the best compression, marked so in the header (XFL = 2, as {@code gzip -9n} writes it;
     * java.util.zip.GZIPOutputStream always writes 0, which lintian reports), with no time stamp.
     */
    static byte[] gzipBest(byte[] content) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(content);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3});
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(content);
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) crc.getValue()).putInt(content.length).array());
        return out.toByteArray();
    }
}
