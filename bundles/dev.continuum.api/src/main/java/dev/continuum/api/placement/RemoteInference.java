package dev.continuum.api.placement;

import java.nio.ByteBuffer;

/**
 * The wire protocol of the remote inference service ({@value #APP_ID}), in Kura's request/response
 * conventions: a gateway publishes a KuraPayload to
 * {@code $EDC/account/server-client-id/INFER-V1/EXEC/infer/MODEL} with the metrics {@code request.id},
 * {@code requester.client.id}, {@link #WINDOWS}, {@link #ENCODING} and the windows' values as the body
 * ({@link #floats}); the service replies on {@code $EDC/account/requester/INFER-V1/REPLY/request-id} with
 * {@code response.code}, {@link #VERSION}, {@link #LABELS} and the scores as the body ({@link #doubles}).
 *
 * <p>Response codes: 200; 400 (unknown model, values that do not fill whole windows of the model, an
 * encoding the model does not take); 429 (the requester's quota of windows per second is used up: the
 * message names the quota); 500.
 *
 * @see <a href="https://eclipse.github.io/kura/docs-release-5.6/core-services/cloud-connections/">Kura
 *     request/response</a>
 */
public final class RemoteInference {

    /** The Kura app id. */
    public static final String APP_ID = "INFER-V1";
    /** Request metric: how many windows the body holds (int). */
    public static final String WINDOWS = "windows";
    /**
     * Request metric: {@link #RAW} (the raw windows) or {@link #FEATURES} (per-window features; the model
     * named must take them).
     */
    public static final String ENCODING = "encoding";
    public static final String RAW = "raw";
    public static final String FEATURES = "features";
    /** Reply metric: the model version that scored the windows. */
    public static final String VERSION = "model.version";
    /** Reply metric: the windows' labels, comma separated, in order. */
    public static final String LABELS = "labels";
    /** Response code of a request over the requester's quota. */
    public static final int QUOTA_EXCEEDED = 429;

    private RemoteInference() {
    }

    /** {@code values} as big-endian IEEE 754 floats. */
    public static byte[] floats(float[] values, int offset, int count) {
        ByteBuffer buffer = ByteBuffer.allocate(count * Float.BYTES);
        for (int i = 0; i < count; i++) {
            buffer.putFloat(values[offset + i]);
        }
        return buffer.array();
    }

    /** The floats of a body written by {@link #floats}. */
    public static float[] floats(byte[] body) {
        if (body == null || body.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("the body must hold whole 4-byte floats, got "
                    + (body == null ? "none" : body.length + " bytes"));
        }
        float[] values = new float[body.length / Float.BYTES];
        ByteBuffer.wrap(body).asFloatBuffer().get(values);
        return values;
    }

    /** {@code values} as big-endian IEEE 754 doubles. */
    public static byte[] doubles(double[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES);
        buffer.asDoubleBuffer().put(values);
        return buffer.array();
    }

    /** The doubles of a body written by {@link #doubles(double[])}. */
    public static double[] doubles(byte[] body) {
        if (body == null || body.length % Double.BYTES != 0) {
            throw new IllegalArgumentException("the body must hold whole 8-byte doubles, got "
                    + (body == null ? "none" : body.length + " bytes"));
        }
        double[] values = new double[body.length / Double.BYTES];
        ByteBuffer.wrap(body).asDoubleBuffer().get(values);
        return values;
    }
}
