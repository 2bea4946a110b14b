package dev.continuum.itests.line;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The standard line as the gateway runs it: a board profile ({@code bench-line/profile.json}) with an OPC UA
 * driver instance on the simulation server, an asset {@code tags} with one channel per simulated tag, the
 * mock GPIO board with its pulse train (asset {@code line-io}, channel {@code flow}), one cloud endpoint and
 * the pipelines: per tag a {@code source} (the tag and its neighbour) and an {@code inference} component
 * ({@code vibration-anomaly}, 16 steps, stride 1: a window on every sample) into one {@code publish} per
 * pipeline (QoS 1, through the outbox); the flow's 1 s aggregates are published too, so that the outbox's
 * sequence keeps advancing after the tags stop (a lost tail shows as a gap).
 *
 * @param tags simulated tags
 * @param updateMs the simulator's update period (= the driver's sampling interval)
 * @param endpointUrl the simulation server
 * @param brokerUri the MQTT broker
 * @param gatewayId the endpoint's client and gateway id (first part of every dedup id)
 * @param storeDirectory the outbox's directory (empty: the data directory's)
 * @param httpPort the gateway's HTTP port (loopback; a free one, so that runs beside other gateways work)
 * @param httpsPort the console's HTTPS port (loopback, free)
 * @param console whether the console (REST API) runs too: for faults driven through REST
 * @param cloudBrokerUri empty: one endpoint {@code bench}; else endpoints {@code mec} (brokerUri, client id
 *     gatewayId) and {@code cloud} (this broker, client id gatewayId-cloud) and the route
 *     {@code mec-then-cloud} (FAILOVER after 2 s, back after 3 s) that every publish names
 * @param training null, or federated training beside the line (its features and configurations are added)
 * @param mqtt the endpoint's MQTT version: 3.1.1 (the raw baseline's Paho client speaks it) or 5
 */
record Workload(int tags, int updateMs, String endpointUrl, String brokerUri, String gatewayId, String storeDirectory,
        int httpPort, int httpsPort, boolean console, String cloudBrokerUri, Training training, String mqtt) {

    static final String PROFILE = "bench-line";
    static final String MODEL = "vibration-anomaly";
    static final String ROUTE = "mec-then-cloud";
    /** Per pipeline: 31 x (source + inference) + publish = 63 of the 64 components a pipeline may have. */
    private static final int TAGS_PER_PIPELINE = 31;

    int ratePerSecond() {
        return tags * 1000 / updateMs;
    }

    /** Writes {@code hardware/bench-line/profile.json} (and the simulator's jvm.options and pin map) under {@code dir}. */
    Path writeProfile(Path dir, Path repoHardware) throws IOException {
        Path profile = dir.resolve(PROFILE);
        Files.createDirectories(profile);
        for (String file : List.of("jvm.options", "pins.json")) {
            Files.copy(repoHardware.resolve("simulator").resolve(file), profile.resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(profile.resolve("profile.json"), profileJson(), StandardCharsets.UTF_8);
        return dir;
    }

    String profileJson() {
        List<String> configurations = new ArrayList<>();
        configurations.add(q("dev.continuum.opcua~bench") + ": {" + q("driver.instance") + ": " + q("bench") + ", "
                + q("endpointUrl") + ": " + q(endpointUrl) + ", " + q("securityPolicy") + ": " + q("None") + ", "
                + q("allowNone:Boolean") + ": true, " + q("samplingInterval:Integer") + ": " + updateMs + ", "
                + q("publishingInterval:Integer") + ": 10, " + q("queueSize:Integer") + ": 10}");
        StringBuilder asset = new StringBuilder(q("dev.continuum.asset~tags") + ": {" + q("name") + ": " + q("tags")
                + ", " + q("driver.instance") + ": " + q("bench"));
        for (int i = 0; i < tags; i++) {
            asset.append(", ").append(q("t" + i + "#+value.type")).append(": ").append(q("DOUBLE")).append(", ")
                    .append(q("t" + i + "#node.id")).append(": ")
                    .append(q(String.format("nsu=urn:continuum:sim:line;s=Line/Tags/Tag%05d", i)));
        }
        configurations.add(asset.append('}').toString());
        configurations.add(q("dev.continuum.gpio~board") + ": {" + q("driver.instance") + ": " + q("board") + ", "
                + q("board") + ": " + q("simulator") + "}");
        configurations.add(q("dev.continuum.gpio.scenario") + ": {" + q("context.target") + ": "
                + q("(&(gpio.mock=true)(driver.instance=board))") + ", " + q("flow.hz:Integer") + ": 200}");
        configurations.add(q("dev.continuum.asset~line-io") + ": {" + q("name") + ": " + q("line-io") + ", "
                + q("driver.instance") + ": " + q("board") + ", " + q("flow#+type") + ": " + q("READ") + ", "
                + q("flow#+value.type") + ": " + q("DOUBLE") + ", " + q("flow#pin") + ": " + q("15") + ", "
                + q("flow#function") + ": " + q("counter") + ", " + q("flow#counter.output") + ": " + q("rate") + ", "
                + q("flow#window.ms") + ": " + q("1000") + "}");
        if (cloudBrokerUri.isEmpty()) {
            configurations.add(endpoint("bench", brokerUri, gatewayId));
        } else {
            configurations.add(endpoint("mec", brokerUri, gatewayId));
            configurations.add(endpoint("cloud", cloudBrokerUri, gatewayId + "-cloud"));
            configurations.add(q("dev.continuum.cloud.route~" + ROUTE) + ": {" + q("name") + ": " + q(ROUTE) + ", "
                    + q("policy") + ": " + q("FAILOVER") + ", " + q("primary") + ": " + q("mec") + ", "
                    + q("secondary") + ": " + q("cloud") + ", " + q("failoverAfterMillis:Long") + ": 2000, "
                    + q("failbackAfterMillis:Long") + ": 3000}");
        }
        for (int first = 0, p = 0; first < tags; first += TAGS_PER_PIPELINE, p++) {
            configurations.add(q("dev.continuum.pipeline~line" + p) + ": {" + q("name") + ": " + q("line" + p) + ", "
                    + q("graph") + ": " + tagPipeline(first, Math.min(tags, first + TAGS_PER_PIPELINE)) + "}");
        }
        configurations.add(q("dev.continuum.pipeline~flow") + ": {" + q("name") + ": " + q("flow") + ", " + q("graph")
                + ": {\"components\": [{\"name\": \"flow\", \"type\": \"source\", \"config\": {\"channels\": \"line-io/flow\"}},"
                + " {\"name\": \"flow-1s\", \"type\": \"aggregate\", \"config\": {\"interval.ms\": 1000}},"
                + " {\"name\": \"out\", \"type\": \"publish\", \"config\": {\"route\": \"" + route() + "\", \"topic\": \"bench/flow\"}}],"
                + " \"wires\": [{\"emitter\": \"flow\", \"receiver\": \"flow-1s\"}, {\"emitter\": \"flow-1s\", \"receiver\": \"out\"}]}}");
        if (training != null) {
            configurations.addAll(training.configurations(this));
        }
        return "{\n  \"name\": " + q(PROFILE) + ",\n  \"description\": " + q("The standard line benchmark (generated)")
                + ",\n  \"framework-properties\": {\"org.apache.felix.http.host\": \"127.0.0.1\", \"org.osgi.service.http.port\": \""
                + httpPort + "\", \"org.osgi.service.http.port.secure\": \"" + httpsPort + "\"}"
                + ",\n  \"features\": [\"core\", " + (console ? "\"console\", \"update\", " : "") + "\"opcua\", \"gpio\", \"inference\", \"pipeline\", \"cloud-mqtt\""
                + (training == null ? "" : ", \"federated\", \"federated-coordinator\"") + "],\n"
                + "  \"configurations\": {\n    " + String.join(",\n    ", configurations) + "\n  }\n}\n";
    }

    /** What every publish component names: the endpoint, or the mec-then-cloud route. */
    String route() {
        return cloudBrokerUri.isEmpty() ? "bench" : ROUTE;
    }

    private String endpoint(String name, String uri, String clientId) {
        return q("dev.continuum.cloud.mqtt.endpoint~" + name) + ": {" + q("name") + ": " + q(name) + ", "
                + q("brokerUris") + ": [" + q(uri) + "], " + q("clientId") + ": " + q(clientId) + ", "
                + q("account") + ": " + q("continuum") + ", " + q("protocolVersion") + ": " + q(mqtt) + ", "
                + q("durability") + ": " + q(env("LINE_DURABILITY", "GROUP_COMMIT")) + ", "
                + (System.getenv("LINE_SYNC_MS") == null ? "" : q("syncIntervalMillis:Long") + ": " + Long.parseLong(
                        System.getenv("LINE_SYNC_MS")) + ", ")
                + q("backoffInitialMillis:Integer") + ": 200, "
                + q("backoffMaxMillis:Integer") + ": 2000"
                + (storeDirectory.isEmpty() ? "" : ", " + q("storeDirectory") + ": " + q(storeDirectory)) + "}";
    }

    private String tagPipeline(int from, int to) {
        List<String> components = new ArrayList<>();
        List<String> wires = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String channels = "tags/t" + i + ",tags/t" + ((i + 1) % tags);
            components.add("{\"name\": \"s" + i + "\", \"type\": \"source\", \"config\": {\"channels\": \"" + channels + "\"}}");
            components.add("{\"name\": \"i" + i + "\", \"type\": \"inference\", \"config\": {\"model\": \"" + MODEL
                    + "\", \"channels\": \"" + channels + "\", \"stride\": 1}}");
            wires.add("{\"emitter\": \"s" + i + "\", \"receiver\": \"i" + i + "\"}");
            wires.add("{\"emitter\": \"i" + i + "\", \"receiver\": \"out\"}");
        }
        components.add("{\"name\": \"out\", \"type\": \"publish\", \"config\": {\"route\": \"" + route() + "\", \"topic\": \"bench/line\"},"
                + " \"queue\": 10000}");
        return "{\"components\": [" + String.join(", ", components) + "], \"wires\": [" + String.join(", ", wires) + "]}";
    }

    /** Benchmark knobs for a latency breakdown: LINE_DURABILITY (e.g. MEMORY), LINE_SYNC_MS (the group commit's interval). */
    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    private static String q(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
