package dev.continuum.api.pipeline;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** What the pipeline gives a component it creates. */
@ProviderType
public interface ComponentContext {

    /** The pipeline's name. */
    String pipeline();

    /** The component's name in its pipeline. */
    String name();

    /** The component's configuration from the graph (strings, numbers, booleans, lists, nested maps). */
    Map<String, Object> config();

    /**
     * The component's output, for records produced outside {@link Component#accept} (sources receiving
     * from drivers); thread-safe.
     */
    Emitter output();

    /** A string setting, or {@code fallback}. */
    default String string(String key, String fallback) {
        Object value = config().get(key);
        return value == null ? fallback : value.toString();
    }

    /**
     * A number setting, or {@code fallback}.
     *
     * @throws PipelineException naming the component and key when the value is not a number
     */
    default double number(String key, double fallback) throws PipelineException {
        Object value = config().get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        try {
            return Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new PipelineException("component '" + name() + "': '" + key + "' must be a number, got '"
                    + value + "'");
        }
    }

    /**
     * A required string setting.
     *
     * @throws PipelineException naming the component and key when it is missing
     */
    default String required(String key) throws PipelineException {
        Object value = config().get(key);
        if (value == null || value.toString().isBlank()) {
            throw new PipelineException("component '" + name() + "': '" + key + "' is required");
        }
        return value.toString();
    }
}
