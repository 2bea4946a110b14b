package dev.continuum.cloud.mqtt.internal.endpoint;

import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraPayloadCodec;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/** The Kura BIRTH certificate, published on every connect. */
final class Birth {

    private Birth() {
    }

    static byte[] birth(BundleContext context, String displayName, String applicationIds) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("uptime", ManagementFactory.getRuntimeMXBean().getUptime());
        metrics.put("display_name", displayName);
        metrics.put("model_name", "Continuum gateway");
        metrics.put("os", System.getProperty("os.name"));
        metrics.put("os_version", System.getProperty("os.version"));
        metrics.put("os_arch", System.getProperty("os.arch"));
        metrics.put("jvm_name", System.getProperty("java.vm.name"));
        metrics.put("jvm_version", System.getProperty("java.vm.version"));
        metrics.put("jvm_vendor", System.getProperty("java.vm.vendor"));
        metrics.put("application_framework", "Continuum");
        metrics.put("application_framework_version", String.valueOf(context.getBundle().getVersion()));
        metrics.put("osgi_framework", context.getProperty(Constants.FRAMEWORK_VENDOR));
        metrics.put("osgi_framework_version", context.getProperty(Constants.FRAMEWORK_VERSION));
        metrics.put("available_processors", String.valueOf(Runtime.getRuntime().availableProcessors()));
        metrics.put("total_memory", String.valueOf(Runtime.getRuntime().maxMemory() / 1024));
        metrics.put("accept_encoding", "gzip");
        metrics.put("application_ids", applicationIds);
        metrics.put("payload_encoding", "kura-protobuf");
        metrics.values().removeIf(value -> value == null);
        return KuraPayloadCodec.encode(new KuraPayload(System.currentTimeMillis(), metrics, null));
    }
}
