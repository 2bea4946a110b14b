package dev.continuum.itests.placement;

import ai.onnx.proto.OnnxMl;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import dev.continuum.itests.support.Runtime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;

/**
 * A costly twin of the default model {@code vibration-anomaly}: the same autoencoder and therefore the
 * same scores, threshold and golden vector, but computed through a {@value #WIDTH}-wide hidden layer
 * multiplied {@value #LAYERS} times by an identity matrix (exact in floating point), so that one window
 * costs milliseconds of CPU instead of microseconds. Placement must take such a model off a busy gateway;
 * the tiny default model costs less to run than to send. Built in the test JVM before the framework
 * starts, from the inference bundle's own copy of the default model.
 */
final class HeavyModel {

    static final String NAME = "vibration-anomaly-heavy";
    private static final String BASE = "vibration-anomaly";
    private static final int WIDTH = 1024;
    private static final int LAYERS = 128;

    private HeavyModel() {
    }

    /** Writes {@code model.onnx} and {@code manifest.json} into {@code dir}. */
    static void write(Path dir) throws IOException {
        Path bundle = Runtime.localRepository().resolve(
                "dev/continuum/dev.continuum.inference/0.1.0-SNAPSHOT/dev.continuum.inference-0.1.0-SNAPSHOT.jar");
        byte[] baseModel;
        String baseManifest;
        try (ZipFile jar = new ZipFile(bundle.toFile())) {
            String prefix = "models/" + BASE + "/1.0.0/";
            baseModel = jar.getInputStream(jar.getEntry(prefix + "model.onnx")).readAllBytes();
            baseManifest = new String(jar.getInputStream(jar.getEntry(prefix + "manifest.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
        OnnxMl.GraphProto graph = OnnxMl.ModelProto.parseFrom(baseModel).getGraph();
        float[] encoder = floats(graph, "encoder");
        float[] decoder = floats(graph, "decoder");
        int d = dims(graph, "encoder").get(0).intValue();
        int k = dims(graph, "encoder").get(1).intValue();
        byte[] model = build(encoder, decoder, d, k);

        JsonObject manifest = JsonParser.parseString(baseManifest).getAsJsonObject();
        manifest.addProperty("name", NAME);
        manifest.addProperty("sha256", sha256(model));
        Files.createDirectories(dir);
        Files.write(dir.resolve("model.onnx"), model);
        Files.writeString(dir.resolve("manifest.json"), manifest.toString(), StandardCharsets.UTF_8);
    }

    private static byte[] build(float[] encoder, float[] decoder, int d, int k) {
        ONNXContext context = new ONNXContext();
        context.setName(NAME);
        ONNXPlaceholder input = context.floatInput("window", d);
        ONNXPlaceholder output = context.floatOutput("score", 1);
        // [d, WIDTH]: the encoder's k columns, then zeros; [WIDTH, d]: the decoder's k rows, then zeros.
        ONNXInitializer wideEncoder = context.floatTensor("encoder", List.of(d, WIDTH), buffer -> {
            for (int i = 0; i < d; i++) {
                for (int c = 0; c < WIDTH; c++) {
                    buffer.put(c < k ? encoder[i * k + c] : 0f);
                }
            }
        });
        ONNXInitializer identity = context.floatTensor("identity", List.of(WIDTH, WIDTH), buffer -> {
            for (int r = 0; r < WIDTH; r++) {
                for (int c = 0; c < WIDTH; c++) {
                    buffer.put(r == c ? 1f : 0f);
                }
            }
        });
        ONNXInitializer wideDecoder = context.floatTensor("decoder", List.of(WIDTH, d), buffer -> {
            for (int c = 0; c < WIDTH; c++) {
                for (int i = 0; i < d; i++) {
                    buffer.put(c < k ? decoder[c * d + i] : 0f);
                }
            }
        });
        ONNXNode code = input.apply(ONNXOperators.GEMM, wideEncoder);
        for (int layer = 0; layer < LAYERS; layer++) {
            code = code.apply(ONNXOperators.GEMM, identity);
        }
        ONNXNode difference = input.apply(ONNXOperators.SUB, code.apply(ONNXOperators.GEMM, wideDecoder));
        Map<String, Object> meanOverRow = new LinkedHashMap<>();
        meanOverRow.put("axes", new int[] {1});
        meanOverRow.put("keepdims", 1);
        difference.apply(ONNXOperators.MUL, difference).apply(ONNXOperators.REDUCE_MEAN, meanOverRow).assignTo(output);
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8).addOpsetImport(ONNXOperators.getOpsetProto())
                .setProducerName("continuum-itests").setModelVersion(1).setGraph(context.buildGraph()).build()
                .toByteArray();
    }

    private static OnnxMl.TensorProto tensor(OnnxMl.GraphProto graph, String name) {
        return graph.getInitializerList().stream().filter(t -> t.getName().startsWith(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(BASE + " has no initializer " + name));
    }

    private static List<Long> dims(OnnxMl.GraphProto graph, String name) {
        return tensor(graph, name).getDimsList();
    }

    private static float[] floats(OnnxMl.GraphProto graph, String name) {
        OnnxMl.TensorProto tensor = tensor(graph, name);
        ByteString raw = tensor.getRawData();
        if (raw.isEmpty()) {
            float[] values = new float[tensor.getFloatDataCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = tensor.getFloatData(i);
            }
            return values;
        }
        ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[buffer.remaining() / Float.BYTES];
        buffer.asFloatBuffer().get(values);
        return values;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
