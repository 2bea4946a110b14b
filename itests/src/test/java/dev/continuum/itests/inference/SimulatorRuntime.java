package dev.continuum.itests.inference;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.ops4j.pax.exam.Option;

/** The runtime with the simulated line feeding the inference feature, on free ports. */
final class SimulatorRuntime {

    private SimulatorRuntime() {
    }

    /**
     * The features core, opcua, sim and inference in {@code data}, the simulator on a free port (so that other
     * simulator tests can run beside this one) with its configuration edited by {@code sim} (e.g. a higher
     * anomaly rate, so the test is short).
     */
    static Option features(Path data, Consumer<JsonObject> sim) throws IOException {
        Option runtime = Runtime.features(data, Ports.free(), "core", "opcua", "sim", "inference");
        Path file = data.resolve("run").resolve("configuration.json");
        JsonObject document = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        int port = Ports.free();
        JsonObject simulator = document.getAsJsonObject("dev.continuum.sim");
        sim.accept(simulator);
        simulator.addProperty("port:Integer", port);
        document.getAsJsonObject("dev.continuum.opcua~sim").addProperty("endpointUrl",
                "opc.tcp://localhost:" + port + "/continuum-sim");
        Runtime.write(file, new GsonBuilder().setPrettyPrinting().create().toJson(document));
        return runtime;
    }
}
