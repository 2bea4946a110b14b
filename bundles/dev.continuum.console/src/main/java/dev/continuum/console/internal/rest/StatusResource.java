package dev.continuum.console.internal.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.continuum.api.health.HealthReport;
import dev.continuum.console.internal.http.Call;
import dev.continuum.console.internal.http.Router;
import dev.continuum.console.internal.security.Role;
import dev.continuum.console.internal.security.SecurityService;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.util.Map;

/** {@code /health} (components and the machine: uptime, CPU, memory, disk), {@code /endpoints}, {@code /audit}. */
final class StatusResource {

    private final Backends backends;
    private final SecurityService security;

    StatusResource(Backends backends, SecurityService security) {
        this.backends = backends;
        this.security = security;
    }

    void register(Router router) {
        router.add("GET", "/health", Role.VIEWER, this::health);
        router.add("GET", "/audit", Role.ADMIN, this::audit);
        router.add("GET", "/endpoints", Role.VIEWER, call -> backends.endpoints().stream()
                .map(endpoint -> endpoint.status()).toList());
    }

    private Object health(Call call) {
        JsonObject body = new JsonObject();
        HealthReport report = backends.health().map(h -> h.lastReport()).orElse(null);
        body.addProperty("status", report == null ? "UNKNOWN" : report.status().name());
        body.add("components", report == null ? new JsonArray()
                : dev.continuum.console.internal.http.Json.GSON.toJsonTree(report.components()));
        body.addProperty("time", report == null ? null : report.time().toString());
        body.add("system", system(security.dataDir().toFile()));
        return body;
    }

    private static JsonObject system(File disk) {
        JsonObject system = new JsonObject();
        system.addProperty("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        system.addProperty("processors", os.getAvailableProcessors());
        system.addProperty("loadAverage", os.getSystemLoadAverage());
        // Through the MBean server: com.sun.management is not exported by every framework's system bundle.
        try {
            javax.management.MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            javax.management.ObjectName name = new javax.management.ObjectName("java.lang:type=OperatingSystem");
            system.addProperty("cpuPercent", Math.max(0, ((Number) server.getAttribute(name, "CpuLoad")).doubleValue() * 100));
            system.addProperty("processCpuPercent",
                    Math.max(0, ((Number) server.getAttribute(name, "ProcessCpuLoad")).doubleValue() * 100));
            system.addProperty("memoryTotalBytes", (Number) server.getAttribute(name, "TotalMemorySize"));
            system.addProperty("memoryFreeBytes", (Number) server.getAttribute(name, "FreeMemorySize"));
        } catch (javax.management.JMException | RuntimeException e) {
            system.addProperty("cpuPercent", -1);
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        system.addProperty("heapUsedBytes", memory.getHeapMemoryUsage().getUsed());
        system.addProperty("heapMaxBytes", memory.getHeapMemoryUsage().getMax());
        system.addProperty("diskTotalBytes", disk.getTotalSpace());
        system.addProperty("diskFreeBytes", disk.getUsableSpace());
        system.addProperty("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        return system;
    }

    private Object audit(Call call) {
        int limit = Integer.parseInt(call.query("limit", "200"));
        JsonArray entries = new JsonArray();
        for (String line : security.audit().recent(limit)) {
            entries.add(JsonParser.parseString(line));
        }
        return Map.of("file", security.audit().file().toString(), "entries", entries);
    }
}
