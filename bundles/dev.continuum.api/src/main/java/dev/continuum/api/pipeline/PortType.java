package dev.continuum.api.pipeline;

/**
 * What a component's input accepts and its output produces; a wire is valid when the receiver's input
 * {@link #accepts(PortType)} the emitter's output.
 */
public enum PortType {
    /** No port: sources have no input, sinks no output. */
    NONE,
    /** Sample records ({@link Record#CHANNEL}, {@link Record#VALUE}, {@link Record#STATUS}). */
    SAMPLES,
    /** Model results ({@code model}, {@code version}, {@code score}, {@code label}, ...). */
    RESULTS,
    /**
     * Any records: as an input it accepts every output type; as an output (of pass-through components
     * such as filters) it may feed any input.
     */
    RECORDS;

    /** Whether an input of this type takes records from an output of type {@code output}. */
    public boolean accepts(PortType output) {
        if (this == NONE || output == NONE) {
            return false;
        }
        return this == RECORDS || output == RECORDS || this == output;
    }
}
