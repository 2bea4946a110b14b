package dev.continuum.inference.modelgen;

import ai.onnx.proto.OnnxMl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Exports an {@link Autoencoder} as an ONNX graph (opset 13, IR version 8): input {@code window}
 * {@code [N, d]} (normalised), output {@code score} {@code [N, 1]} = ReduceMean((x - (x E) D)^2).
 */
public final class OnnxExport {

    private static ONNXNode relu(ONNXNode value, ONNXInitializer zero) {
        ONNXNode positive = value.apply(ONNXOperators.GREATER, zero);
        return positive.apply(ONNXOperators.WHERE, List.<ONNXRef<?>>of(value, zero));
    }

    private static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    public static final String INPUT = "window";
    public static final String OUTPUT = "score";
    private static final long IR_VERSION = 8;

    private OnnxExport() {
    }

    /** The output of {@link #exportClassifier}: one probability per class. */
    public static final String PROBABILITIES = "probabilities";

    /**
     * Exports a {@link SoftmaxClassifier}: input {@code window} {@code [N, d]} (normalised), output
     * {@value #PROBABILITIES} {@code [N, classes]} = Softmax(Gemm(x, W, b)).
     */
    static byte[] exportClassifier(SoftmaxClassifier model, String graphName) {
        double[][] weights = model.weights();
        int d = weights.length;
        int classes = weights[0].length;
        ONNXContext context = new ONNXContext();
        context.setName(graphName);
        ONNXPlaceholder input = context.floatInput(INPUT, d);
        ONNXPlaceholder output = context.floatOutput(PROBABILITIES, classes);
        ONNXInitializer w = context.floatTensor("weights", List.of(d, classes), buffer -> {
            for (double[] row : weights) {
                for (double value : row) {
                    buffer.put((float) value);
                }
            }
        });
        ONNXInitializer b = context.array("bias", floats(model.bias()));
        ONNXNode logits = input.apply(ONNXOperators.GEMM, List.<ONNXRef<?>>of(w, b));
        logits.apply(ONNXOperators.SOFTMAX).assignTo(output);
        return modelProto(context);
    }

    public static byte[] export(Autoencoder model, String graphName) {
        double[][] components = model.components();
        int k = components.length;
        int d = components[0].length;
        ONNXContext context = new ONNXContext();
        context.setName(graphName);
        ONNXPlaceholder input = context.floatInput(INPUT, d);
        ONNXPlaceholder output = context.floatOutput(OUTPUT, 1);
        ONNXInitializer encoder = context.floatTensor("encoder", List.of(d, k), buffer -> {
            for (int i = 0; i < d; i++) {
                for (int c = 0; c < k; c++) {
                    buffer.put((float) components[c][i]);
                }
            }
        });
        ONNXInitializer decoder = context.floatTensor("decoder", List.of(k, d), buffer -> {
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < d; i++) {
                    buffer.put((float) components[c][i]);
                }
            }
        });
        ONNXNode code = input.apply(ONNXOperators.GEMM, encoder);
        ONNXNode reconstructed = code.apply(ONNXOperators.GEMM, decoder);
        ONNXNode difference = input.apply(ONNXOperators.SUB, reconstructed);
        ONNXNode squared = difference.apply(ONNXOperators.MUL, difference);
        // Ordered: Map.of iterates in a per-JVM random order, which made the graph's bytes differ between builds.
        Map<String, Object> meanOverRow = new LinkedHashMap<>();
        meanOverRow.put("axes", new int[] {1});
        meanOverRow.put("keepdims", 1);
        ONNXNode score = squared.apply(ONNXOperators.REDUCE_MEAN, meanOverRow);
        if (model.low() != null) {
            // Range term: mean of (relu(x - high) + relu(low - x))^2, relu as Where(d > 0, d, 0).
            ONNXInitializer zero = context.constant("zero", 0f);
            ONNXNode above = input.apply(ONNXOperators.SUB, context.array("high", floats(model.high())));
            ONNXNode below = context.array("low", floats(model.low())).apply(ONNXOperators.SUB, input);
            ONNXNode excess = relu(above, zero).apply(ONNXOperators.ADD, relu(below, zero));
            ONNXNode range = excess.apply(ONNXOperators.MUL, excess).apply(ONNXOperators.REDUCE_MEAN, meanOverRow);
            score = score.apply(ONNXOperators.ADD, range);
        }
        score.assignTo(output);
        return modelProto(context);
    }

    private static byte[] modelProto(ONNXContext context) {
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(ONNXOperators.getOpsetProto())
                .setProducerName("continuum-modelgen")
                .setDomain("dev.continuum")
                .setModelVersion(1)
                .setGraph(context.buildGraph())
                .build()
                .toByteArray();
    }
}
