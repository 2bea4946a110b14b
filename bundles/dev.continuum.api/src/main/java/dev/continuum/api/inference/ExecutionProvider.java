package dev.continuum.api.inference;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where ONNX Runtime executes a model. A model configured for a provider the machine lacks runs on
 * {@link #CPU} and says so in a warning and in {@link ModelStatus#provider()}.
 */
public enum ExecutionProvider {
    CPU,
    /** NVIDIA CUDA (needs the GPU build of ONNX Runtime and a GPU). */
    CUDA,
    /** NVIDIA TensorRT (Jetson and other NVIDIA boxes). */
    TENSORRT;

    /**
     * Parses a provider name as written in configuration (case-insensitive).
     *
     * @throws IllegalArgumentException naming the bad value and the accepted ones
     */
    public static ExecutionProvider parse(String name) {
        if (name != null) {
            String upper = name.trim().toUpperCase(Locale.ROOT);
            for (ExecutionProvider provider : values()) {
                if (provider.name().equals(upper)) {
                    return provider;
                }
            }
        }
        throw new IllegalArgumentException("unknown execution provider '" + name + "'; accepted: "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
