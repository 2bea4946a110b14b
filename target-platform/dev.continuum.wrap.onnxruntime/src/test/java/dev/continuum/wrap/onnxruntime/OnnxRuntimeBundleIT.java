package dev.continuum.wrap.onnxruntime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.wrap.testkit.TestFramework;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * Boots Felix with only the packaged wrapper and runs a model through ONNX Runtime loaded by the
 * bundle's class loader. The test never links against ORT (it is not visible to the bundle from the
 * test class path either): every call goes through reflection on classes the bundle loaded.
 */
class OnnxRuntimeBundleIT {

  @TempDir Path storage;

  @Test
  void loadsItsNativeLibraryAndRunsAModelInsideOsgi() throws Exception {
    try (TestFramework osgi = TestFramework.start(storage)) {
      Bundle ort = osgi.installAndStart(List.of(TestFramework.pathProperty("wrapper.bundle"))).get(0);

      Class<?> envType = ort.loadClass("ai.onnxruntime.OrtEnvironment");
      assertThat(envType.getClassLoader()).isSameAs(ort.adapt(org.osgi.framework.wiring.BundleWiring.class).getClassLoader());
      Object env = envType.getMethod("getEnvironment").invoke(null);
      Object session = envType.getMethod("createSession", byte[].class).invoke(env, (Object) doubleItModel());
      Class<?> tensorType = ort.loadClass("ai.onnxruntime.OnnxTensor");
      Object input = tensorType.getMethod("createTensor", envType, Object.class)
          .invoke(null, env, new float[][] {{1f, 2f, 3f}});
      try (AutoCloseable closeSession = (AutoCloseable) session;
          AutoCloseable closeInput = (AutoCloseable) input;
          AutoCloseable result = (AutoCloseable) session.getClass().getMethod("run", Map.class)
              .invoke(session, Map.of("x", input))) {
        Object output = result.getClass().getMethod("get", int.class).invoke(result, 0);
        Object value = output.getClass().getMethod("getValue").invoke(output);

        assertThat((float[][]) value).isDeepEqualTo(new float[][] {{2f, 4f, 6f}});
      }
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

  /** Just enough of the protobuf wire format to write a model. */
  private static final class Proto {
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
