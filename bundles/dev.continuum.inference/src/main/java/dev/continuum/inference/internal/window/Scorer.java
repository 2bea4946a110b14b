package dev.continuum.inference.internal.window;

import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.InferenceResult;
import dev.continuum.api.inference.Window;
import java.util.List;

/** Scores a batch of windows with the active version of a model. */
@FunctionalInterface
public interface Scorer {
    List<InferenceResult> score(List<Window> windows) throws InferenceException;
}
