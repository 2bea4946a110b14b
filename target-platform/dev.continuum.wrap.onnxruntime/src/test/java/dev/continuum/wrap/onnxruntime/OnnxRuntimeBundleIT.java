package dev.continuum.wrap.onnxruntime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.continuum.wrap.testkit.TestFramework;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Boots Felix with only the packaged wrapper and runs a model through ONNX Runtime as loaded by the
 * bundle: the natives come out of the bundle's own resources (ai/onnxruntime/native/linux-x64/).
 */
class OnnxRuntimeBundleIT {

    @TempDir Path storage;

    @Test
    void loadsItsNativeLibraryAndRunsAModelInsideOsgi() throws Exception {
        try (TestFramework osgi = TestFramework.start(storage)) {
            Bundle ort = osgi.installAndStart(List.of(TestFramework.pathProperty("wrapper.bundle"))).get(0);

            List<Object> seen = TestFramework.probe(DoubleItProbe.class, ort);

            assertThat(FrameworkUtil.getBundle((Class<?>) seen.get(0))).isEqualTo(ort);
            assertThat((float[][]) seen.get(1)).isDeepEqualTo(new float[][] {{2f, 4f, 6f}});
        }
    }

    /** Runs inside the wrapper's class space (see {@link TestFramework#probe}). */
    public static final class DoubleItProbe implements Callable<List<Object>> {
        @Override
        public List<Object> call() throws OrtException {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession session = env.createSession(doubleItModel());
                    OnnxTensor x = OnnxTensor.createTensor(env, new float[][] {{1f, 2f, 3f}});
                    OrtSession.Result result = session.run(Map.of("x", x))) {
                return List.of(OrtEnvironment.class, result.get(0).getValue());
            }
        }

        /** An ONNX model (IR 8, opset 13) computing y = x + x for x of shape [1, 3], hand-encoded. */
        private static byte[] doubleItModel() {
            byte[] tensorType = new Proto()
                    .varint(1, 1) // elem_type FLOAT
                    .message(2, new Proto()
                            .message(1, new Proto().varint(1, 1))
                            .message(1, new Proto().varint(1, 3)))
                    .bytes();
            byte[] floatTensor = new Proto().message(1, tensorType).bytes();
            Proto graph = new Proto()
                    .message(1, new Proto().string(1, "x").string(1, "x").string(2, "y").string(4, "Add"))
                    .string(2, "double_it")
                    .message(11, new Proto().string(1, "x").message(2, floatTensor))
                    .message(12, new Proto().string(1, "y").message(2, floatTensor));
            return new Proto()
                    .varint(1, 8) // ir_version
                    .message(7, graph)
                    .message(8, new Proto().string(1, "").varint(2, 13)) // opset_import
                    .bytes();
        }

        /** Just enough of the protobuf wire format to write a model (not private: no nest-host lookups). */
        static final class Proto {
            private final ByteArrayOutputStream out = new ByteArrayOutputStream();

            Proto varint(int field, long value) {
                writeVarint((long) field << 3);
                writeVarint(value);
                return this;
            }

            Proto string(int field, String value) {
                return message(field, value.getBytes(StandardCharsets.UTF_8));
            }

            Proto message(int field, Proto value) {
                return message(field, value.bytes());
            }

            Proto message(int field, byte[] value) {
                writeVarint(((long) field << 3) | 2);
                writeVarint(value.length);
                out.writeBytes(value);
                return this;
            }

            byte[] bytes() {
                return out.toByteArray();
            }

            private void writeVarint(long value) {
                while ((value & ~0x7FL) != 0) {
                    out.write((int) ((value & 0x7F) | 0x80));
                    value >>>= 7;
                }
                out.write((int) value);
            }
        }
    }
}
