package dev.continuum.cloud.mqtt.kura;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Encodes and decodes KuraPayload: field 1 timestamp (int64), 5000 metric (repeated KuraMetric: 1 name,
 * 2 type, 3..9 value by type), 5001 body. Thread-safe (stateless).
 */
public final class KuraPayloadCodec {

    /** Below this size gzip's 18-byte framing makes a payload smaller too rarely to be worth trying. */
    public static final int GZIP_THRESHOLD = 256;

    private static final int TIMESTAMP = 1;
    private static final int METRIC = 5000;
    private static final int BODY = 5001;

    private KuraPayloadCodec() {
    }

    public static byte[] encode(KuraPayload payload) {
        ProtoWriter writer = new ProtoWriter(64 + 32 * payload.metrics().size()
                + (payload.body() == null ? 0 : payload.body().length));
        if (payload.timestamp() != null) {
            writer.tag(TIMESTAMP, ProtoWriter.VARINT).varint(payload.timestamp());
        }
        for (Map.Entry<String, Object> metric : payload.metrics().entrySet()) {
            writer.bytes(METRIC, metric(metric.getKey(), metric.getValue()));
        }
        if (payload.body() != null) {
            writer.bytes(BODY, payload.body());
        }
        return writer.toByteArray();
    }

    /**
     * One metric as the bytes of a KuraPayload field: appending them to an encoded (not gzipped) payload
     * adds the metric, as protobuf concatenation merges repeated fields.
     */
    public static byte[] metricField(String name, Object value) {
        return new ProtoWriter(32 + name.length()).bytes(METRIC, metric(name, value)).toByteArray();
    }

    private static byte[] metric(String name, Object value) {
        ProtoWriter writer = new ProtoWriter(16 + name.length());
        writer.string(1, name);
        if (value instanceof Double d) {
            writer.tag(2, 0).varint(0).tag(3, ProtoWriter.FIXED64).fixed64(Double.doubleToLongBits(d));
        } else if (value instanceof Float f) {
            writer.tag(2, 0).varint(1).tag(4, ProtoWriter.FIXED32).fixed32(Float.floatToIntBits(f));
        } else if (value instanceof Long l) {
            writer.tag(2, 0).varint(2).tag(5, ProtoWriter.VARINT).varint(l);
        } else if (value instanceof Integer i) {
            writer.tag(2, 0).varint(3).tag(6, ProtoWriter.VARINT).varint(i);
        } else if (value instanceof Boolean b) {
            writer.tag(2, 0).varint(4).tag(7, ProtoWriter.VARINT).varint(b ? 1 : 0);
        } else if (value instanceof String s) {
            writer.tag(2, 0).varint(5).string(8, s);
        } else if (value instanceof byte[] bytes) {
            writer.tag(2, 0).varint(6).bytes(9, bytes);
        } else {
            throw new IllegalArgumentException("metric " + name + ": unsupported value type "
                    + (value == null ? "null" : value.getClass().getName())
                    + "; accepted: Double, Float, Long, Integer, Boolean, String, byte[]");
        }
        return writer.toByteArray();
    }

    /**
     * Decodes a KuraPayload, gunzipping it first if it starts with the gzip magic bytes.
     *
     * @throws IllegalArgumentException if the bytes are not a KuraPayload
     */
    public static KuraPayload decode(byte[] bytes) {
        byte[] data = isGzip(bytes) ? gunzip(bytes) : bytes;
        ProtoReader reader = new ProtoReader(data, 0, data.length);
        Long timestamp = null;
        Map<String, Object> metrics = new LinkedHashMap<>();
        byte[] body = null;
        while (reader.hasMore()) {
            long tag = reader.varint();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (field == TIMESTAMP && wireType == ProtoWriter.VARINT) {
                timestamp = reader.varint();
            } else if (field == METRIC && wireType == ProtoWriter.LENGTH_DELIMITED) {
                readMetric(reader.nested(), metrics);
            } else if (field == BODY && wireType == ProtoWriter.LENGTH_DELIMITED) {
                body = reader.bytes();
            } else {
                reader.skip(wireType);
            }
        }
        return new KuraPayload(timestamp, metrics, body);
    }

    private static void readMetric(ProtoReader reader, Map<String, Object> metrics) {
        String name = null;
        Object value = null;
        while (reader.hasMore()) {
            long tag = reader.varint();
            int field = (int) (tag >>> 3);
            switch (field) {
                case 1 -> name = reader.string();
                case 3 -> value = Double.longBitsToDouble(reader.fixed64());
                case 4 -> value = Float.intBitsToFloat(reader.fixed32());
                case 5 -> value = reader.varint();
                case 6 -> value = (int) reader.varint();
                case 7 -> value = reader.varint() != 0;
                case 8 -> value = reader.string();
                case 9 -> value = reader.bytes();
                default -> reader.skip((int) (tag & 7));
            }
        }
        if (name == null || value == null) {
            throw new IllegalArgumentException("KuraMetric without " + (name == null ? "name" : "value of " + name));
        }
        metrics.put(name, value);
    }

    /** The gzip of {@code bytes} if it is smaller, else {@code bytes}; payloads under the threshold are kept. */
    public static byte[] gzipIfSmaller(byte[] bytes) {
        return gzipIfSmaller(bytes, GZIP_THRESHOLD);
    }

    /**
     * The gzip of {@code bytes} if it has at least {@code minBytes} bytes and its gzip is smaller, else
     * {@code bytes}. Every try costs CPU (about 10-20 microseconds for a few hundred bytes, mostly zlib's
     * per-stream setup) whether or not it saves anything, so a sender of many small messages sets a higher
     * minimum.
     *
     * @param minBytes the smallest payload tried; 0 = never gzip
     * @since 1.2
     */
    public static byte[] gzipIfSmaller(byte[] bytes, int minBytes) {
        if (minBytes <= 0 || bytes.length < minBytes) {
            return bytes;
        }
        return GZIP.get().compressIfSmaller(bytes);
    }

    /** One reusable deflater per thread: creating a native zlib stream per message costs more than compressing. */
    private static final ThreadLocal<Gzip> GZIP = ThreadLocal.withInitial(Gzip::new);

    public static boolean isGzip(byte[] bytes) {
        return bytes.length > 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B;
    }

    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException("gzip-compressed payload cannot be decompressed: " + e.getMessage(), e);
        }
    }
}
