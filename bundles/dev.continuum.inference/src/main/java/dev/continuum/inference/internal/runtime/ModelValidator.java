package dev.continuum.inference.internal.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import dev.continuum.api.inference.GoldenVector;
import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.ModelManifest;
import dev.continuum.api.inference.ScoreSpec;
import dev.continuum.api.inference.TensorSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The checks a loaded version must pass before it may serve: the graph's inputs and outputs are the
 * manifest's (names, FLOAT, shapes), the window fills the input row, and the golden vector reproduces.
 */
public final class ModelValidator {

    private ModelValidator() {
    }

    public static void validate(LoadedModel model) throws InferenceException {
        ModelManifest manifest = model.manifest();
        String id = manifest.id();
        try {
            compare(id, "input", manifest.inputs(), model.session().getInputInfo());
            compare(id, "output", manifest.outputs(), model.session().getOutputInfo());
        } catch (OrtException e) {
            throw new InferenceException("manifest/graph check: cannot read the graph of " + id + ": " + e.getMessage(), e);
        }
        if (manifest.inputs().size() != 1) {
            throw new InferenceException("manifest/graph check: " + id + " has " + manifest.inputs().size()
                    + " inputs; accepted: exactly one FLOAT input holding the window");
        }
        if (manifest.outputs().stream().noneMatch(t -> t.name().equals(manifest.score().output()))) {
            throw new InferenceException("manifest/graph check: score.output '" + manifest.score().output()
                    + "' is not one of the outputs of " + id);
        }
        if (model.rowSize() != manifest.window().size()) {
            throw new InferenceException("manifest/graph check: the window of " + id + " holds "
                    + manifest.window().size() + " values (length x channels) but the input row takes "
                    + model.rowSize());
        }
        labels(manifest);
        golden(model);
    }

    /**
     * An {@code ARGMAX} score needs one label per column of its output; a {@code THRESHOLD} score reads
     * column 0 and needs an output that has one.
     */
    private static void labels(ModelManifest manifest) throws InferenceException {
        ScoreSpec score = manifest.score();
        TensorSpec output = manifest.outputs().stream().filter(t -> t.name().equals(score.output())).findFirst()
                .orElseThrow();
        long[] shape = output.shape();
        long columns = shape.length < 2 ? 1 : shape[shape.length - 1];
        if (score.kind() == ScoreSpec.Kind.ARGMAX && columns != -1 && columns != score.labels().size()) {
            throw new InferenceException("post-processing check: score.labels of " + manifest.id() + " names "
                    + score.labels().size() + " classes " + score.labels() + " but output '" + score.output()
                    + "' has " + columns + " columns (shape " + Arrays.toString(shape)
                    + "); accepted: one label per output column, in column order");
        }
    }

    private static void compare(String id, String kind, List<TensorSpec> declared, Map<String, NodeInfo> graph)
            throws InferenceException {
        if (declared.size() != graph.size()) {
            throw new InferenceException("manifest/graph check: " + id + " declares " + declared.size() + " " + kind
                    + "s " + declared + " but the graph has " + graph.keySet());
        }
        for (TensorSpec spec : declared) {
            NodeInfo node = graph.get(spec.name());
            if (node == null) {
                throw new InferenceException("manifest/graph check: " + id + " declares " + kind + " '" + spec.name()
                        + "' but the graph's " + kind + "s are " + graph.keySet());
            }
            if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
                throw new InferenceException("manifest/graph check: " + kind + " '" + spec.name() + "' of " + id
                        + " is " + node.getInfo() + " in the graph; accepted: a FLOAT tensor");
            }
            if (!Arrays.equals(normalise(spec.shape()), normalise(tensor.getShape()))) {
                throw new InferenceException("manifest/graph check: " + kind + " '" + spec.name() + "' of " + id
                        + " has shape " + Arrays.toString(spec.shape()) + " in the manifest but "
                        + Arrays.toString(tensor.getShape()) + " in the graph");
            }
        }
    }

    /** Runs the first golden row alone, as a single window (the most common batch) will run. */
    public static void warmUp(LoadedModel model) throws InferenceException {
        try {
            model.runRaw(model.manifest().golden().input()[0], 1);
        } catch (OrtException e) {
            throw new InferenceException("golden vector check: running one row of " + model.manifest().id()
                    + " failed: " + e.getMessage(), e);
        }
    }

    private static long[] normalise(long[] shape) {
        return Arrays.stream(shape).map(d -> d < 1 ? -1 : d).toArray();
    }

    private static void golden(LoadedModel model) throws InferenceException {
        GoldenVector golden = model.manifest().golden();
        String id = model.manifest().id();
        int rows = golden.input().length;
        float[] input = new float[rows * model.rowSize()];
        for (int r = 0; r < rows; r++) {
            if (golden.input()[r].length != model.rowSize()) {
                throw new InferenceException("golden vector check: input row " + r + " of " + id + " has "
                        + golden.input()[r].length + " values; the model takes " + model.rowSize());
            }
            System.arraycopy(golden.input()[r], 0, input, r * model.rowSize(), model.rowSize());
        }
        float[] actual;
        try {
            actual = model.runRaw(input, rows);
        } catch (OrtException e) {
            throw new InferenceException("golden vector check: running " + id + " failed: " + e.getMessage(), e);
        }
        int width = actual.length / rows;
        ScoreSpec score = model.manifest().score();
        if (score.kind() == ScoreSpec.Kind.ARGMAX && width != score.labels().size()) {
            throw new InferenceException("post-processing check: score.labels of " + id + " names "
                    + score.labels().size() + " classes " + score.labels() + " but output '" + score.output()
                    + "' gave " + width + " values per row; accepted: one label per output column, in column order");
        }
        for (int r = 0; r < rows; r++) {
            float[] expected = golden.expected()[r];
            if (expected.length != width) {
                throw new InferenceException("golden vector check: expected row " + r + " of " + id + " has "
                        + expected.length + " values; output '" + score.output() + "' gives " + width + " per row");
            }
            for (int c = 0; c < width; c++) {
                float value = actual[r * width + c];
                if (!(Math.abs(value - expected[c]) <= golden.tolerance())) {
                    throw new InferenceException("golden vector check: " + id + " row " + r
                            + (width > 1 ? " column " + c : "") + " scored " + value + ", expected " + expected[c]
                            + " within " + golden.tolerance());
                }
            }
        }
    }
}
