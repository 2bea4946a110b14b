package dev.continuum.itests.line;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a result was measured on, as a JSON object. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String cpu = grep("/proc/cpuinfo", "model name").replaceAll(".*:\\s*", "");
        String memory = grep("/proc/meminfo", "MemTotal").replaceAll("[^0-9]", "");
        return "{\"cpus\": " + Runtime.getRuntime().availableProcessors() + ", \"cpuModel\": \"" + cpu
                + "\", \"memoryMb\": " + (memory.isEmpty() ? 0 : Long.parseLong(memory) / 1024) + ", \"kernel\": \""
                + read("/proc/sys/kernel/osrelease").trim() + "\", \"java\": \"" + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.version") + "\", \"loadAverageAtStart\": \"" + Children.loadAverage()
                + "\", \"startedAt\": \"" + LineBench.now() + "\"}";
    }

    private static String grep(String file, String prefix) {
        for (String line : read(file).split("\n")) {
            if (line.startsWith(prefix)) {
                return line.replace("\"", "'");
            }
        }
        return "";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
