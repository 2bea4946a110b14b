package dev.continuum.federated.internal;

import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.InferenceResult;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The active version as the inference service runs it (ONNX Runtime), scoring the holdout in one batch. */
final class InferenceActiveModel implements ActiveModel {

    private final InferenceService inference;

    InferenceActiveModel(InferenceService inference) {
        this.inference = inference;
    }

    @Override
    public Verdict score(String model, double[][] windows) {
        if (inference.status(model).isEmpty()) {
            return null;
        }
        Instant now = Instant.now();
        List<Window> batch = new ArrayList<>(windows.length);
        for (double[] window : windows) {
            float[] values = new float[window.length];
            for (int i = 0; i < window.length; i++) {
                values[i] = (float) window[i];
            }
            batch.add(new Window(now, now, values, false));
        }
        try {
            List<InferenceResult> results = inference.inferBatch(model, batch);
            double[] scores = new double[results.size()];
            int anomalies = 0;
            for (int i = 0; i < scores.length; i++) {
                scores[i] = results.get(i).score();
                anomalies += "normal".equals(results.get(i).label()) ? 0 : 1;
            }
            return new Verdict(results.isEmpty() ? "" : results.get(0).version(), scores, anomalies);
        } catch (InferenceException e) {
            return null;
        }
    }
}
