package dev.continuum.console.internal.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.api.pipeline.PipelineStatus;
import dev.continuum.api.pipeline.Pipelines;
import dev.continuum.console.internal.http.ApiError;
import dev.continuum.console.internal.http.Call;
import dev.continuum.console.internal.http.Json;
import dev.continuum.console.internal.http.Router;
import dev.continuum.console.internal.security.AuditLog;
import dev.continuum.console.internal.security.Role;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code /pipelines}: every configured pipeline with its graph and status; PUT validates a graph with the
 * pipeline runtime and applies it as the pipeline's factory configuration; DELETE removes it.
 */
final class PipelinesResource {

    private final Backends backends;
    private final AuditLog audit;
    private final SnapshotsResource snapshots;

    PipelinesResource(Backends backends, AuditLog audit, SnapshotsResource snapshots) {
        this.snapshots = snapshots;
        this.backends = backends;
        this.audit = audit;
    }

    void register(Router router) {
        router.add("GET", "/pipelines", Role.VIEWER, call -> {
            JsonArray list = new JsonArray();
            all().values().forEach(list::add);
            return list;
        });
        router.add("GET", "/pipelines/{name}", Role.VIEWER, call -> {
            JsonObject pipeline = all().get(call.param("name"));
            if (pipeline == null) {
                throw ApiError.notFound("no pipeline '" + call.param("name") + "'");
            }
            return pipeline;
        });
        router.add("PUT", "/pipelines/{name}", Role.OPERATOR, this::put);
        router.add("DELETE", "/pipelines/{name}", Role.OPERATOR, this::delete);
    }

    private Map<String, JsonObject> all() throws Exception {
        Map<String, JsonObject> pipelines = new TreeMap<>();
        for (Configuration configuration : configurations()) {
            Object name = configuration.getProperties().get(Pipelines.NAME);
            Object graph = configuration.getProperties().get(Pipelines.GRAPH);
            JsonObject p = new JsonObject();
            p.addProperty("name", String.valueOf(name));
            p.addProperty("pid", configuration.getPid());
            try {
                p.add("graph", graph == null ? null : JsonParser.parseString(graph.toString()));
            } catch (RuntimeException e) {
                p.addProperty("graphText", String.valueOf(graph));
            }
            p.addProperty("state", "UNKNOWN");
            p.addProperty("reason", "");
            pipelines.put(String.valueOf(name), p);
        }
        for (PipelineStatus status : backends.pipelinesIfAny().map(Pipelines::status).orElse(java.util.List.of())) {
            JsonObject p = pipelines.computeIfAbsent(status.name(), n -> {
                JsonObject created = new JsonObject();
                created.addProperty("name", n);
                return created;
            });
            p.addProperty("state", status.state());
            p.addProperty("reason", status.reason());
            p.add("components", Json.GSON.toJsonTree(status.components()));
        }
        return pipelines;
    }

    private Object put(Call call) throws Exception {
        String name = call.param("name");
        JsonElement graph = call.body(JsonElement.class);
        if (!graph.isJsonObject()) {
            throw ApiError.badRequest("send the graph as a JSON object {\"components\": [...], \"wires\": [...]}");
        }
        String text = graph.toString();
        try {
            backends.pipelines().validate(text);
        } catch (PipelineException e) {
            audit.record(call.user(), call.address(), "pipeline.rejected", name + ": " + e.getMessage());
            throw new ApiError(422, "invalid_graph", e.getMessage());
        }
        Configuration configuration = find(name);
        boolean created = configuration == null;
        snapshots.before(call, "PUT /pipelines/" + name);
        if (created) {
            configuration = backends.configAdmin().createFactoryConfiguration(Pipelines.FACTORY_PID, "?");
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Pipelines.NAME, name);
        properties.put(Pipelines.GRAPH, text);
        configuration.update(properties);
        audit.record(call.user(), call.address(), created ? "pipeline.create" : "pipeline.update", name);
        return new Router.Reply(created ? 201 : 200, Map.of("name", name, "pid", configuration.getPid(),
                "applied", true));
    }

    private Object delete(Call call) throws Exception {
        Configuration configuration = find(call.param("name"));
        if (configuration == null) {
            throw ApiError.notFound("no pipeline '" + call.param("name") + "'");
        }
        snapshots.before(call, "DELETE /pipelines/" + call.param("name"));
        configuration.delete();
        audit.record(call.user(), call.address(), "pipeline.delete", call.param("name"));
        return Map.of("deleted", call.param("name"));
    }

    private Configuration find(String name) throws Exception {
        for (Configuration configuration : configurations()) {
            if (name.equals(configuration.getProperties().get(Pipelines.NAME))) {
                return configuration;
            }
        }
        return null;
    }

    private Configuration[] configurations() throws Exception {
        ConfigurationAdmin admin = backends.configAdmin();
        Configuration[] found = admin.listConfigurations("(service.factoryPid=" + Pipelines.FACTORY_PID + ")");
        return found == null ? new Configuration[0] : found;
    }
}
