package dev.continuum.inference.internal.service;

import dev.continuum.api.inference.ModelOptions;
import java.util.Map;

/** The inference service as its own bundle's components see it (not exported). */
public interface ModelHost {

    /** Runs {@code model} with {@code options} from now on, reloading its active version if they changed. */
    void configure(String model, ModelOptions options);

    /** Forgets the options of {@code model}; it keeps running with what it has until restarted. */
    void unconfigure(String model);

    /** Models whose active version failed to load at start, with the reason. */
    Map<String, String> loadFailures();

    /** True while the store's models are still being loaded after start. */
    boolean loading();
}
