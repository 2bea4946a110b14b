package dev.continuum.inference.internal.runtime;

import java.lang.ref.SoftReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * One reusable direct input buffer per scoring thread, so that ONNX Runtime reads the batch in place
 * instead of copying a heap array into a fresh direct buffer on every run.
 */
public final class InputBuffers {

    private static final ThreadLocal<SoftReference<FloatBuffer>> BUFFERS = new ThreadLocal<>();

    private InputBuffers() {
    }

    /** This thread's buffer, cleared, with room for at least {@code floats} values and limited to them. */
    public static FloatBuffer take(int floats) {
        SoftReference<FloatBuffer> reference = BUFFERS.get();
        FloatBuffer buffer = reference == null ? null : reference.get();
        if (buffer == null || buffer.capacity() < floats) {
            buffer = ByteBuffer.allocateDirect(Math.max(floats, 4096) * Float.BYTES).order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
            BUFFERS.set(new SoftReference<>(buffer));
        }
        buffer.clear().limit(floats);
        return buffer;
    }
}
