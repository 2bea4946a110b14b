package dev.continuum.cloud.mqtt.internal.format;

/** The wire formats an endpoint can speak (configuration property {@code format}). */
public enum FormatKind {
    /** Kura/Kapua namespace and KuraPayload ({@link KuraFormat}). */
    KURA,
    /** Plain JSON on templated topics ({@link JsonFormat}). */
    JSON,
    /** Eclipse Sparkplug B ({@link SparkplugFormat}). */
    SPARKPLUG_B
}
