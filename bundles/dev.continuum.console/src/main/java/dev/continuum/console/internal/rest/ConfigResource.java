package dev.continuum.console.internal.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.continuum.console.internal.http.ApiError;
import dev.continuum.console.internal.http.Call;
import dev.continuum.console.internal.http.Router;
import dev.continuum.console.internal.security.AuditLog;
import dev.continuum.console.internal.security.Role;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * {@code /config}: every component described by MetaType (singletons and factories) with its attributes
 * and current values (passwords masked); updates validated against the attribute definitions (admin).
 */
final class ConfigResource {

    private record Described(String pid, boolean factory, ObjectClassDefinition ocd, Bundle bundle) {
    }

    private static final java.util.regex.Pattern PID = java.util.regex.Pattern.compile("[A-Za-z0-9._~-]+");
    private final Backends backends;
    private final AuditLog audit;
    private final BundleContext context;
    private final SnapshotsResource snapshots;

    ConfigResource(Backends backends, AuditLog audit, BundleContext context, SnapshotsResource snapshots) {
        this.backends = backends;
        this.audit = audit;
        this.context = context;
        this.snapshots = snapshots;
    }

    void register(Router router) {
        router.add("GET", "/config", Role.VIEWER, call -> {
            JsonArray list = new JsonArray();
            for (Described d : described()) {
                list.add(describe(d));
            }
            return list;
        });
        router.add("GET", "/config/{pid}", Role.VIEWER, call -> describe(find(call.param("pid"))));
        router.add("PUT", "/config/{pid}", Role.ADMIN, this::update);
        router.add("POST", "/config/{pid}/instances", Role.ADMIN, this::create);
        router.add("DELETE", "/config/{pid}", Role.ADMIN, this::delete);
    }

    private java.util.List<Described> described() {
        java.util.List<Described> all = new java.util.ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation info = backends.metaType().getMetaTypeInformation(bundle);
            if (info == null) {
                continue;
            }
            for (String pid : info.getPids()) {
                all.add(new Described(pid, false, info.getObjectClassDefinition(pid, null), bundle));
            }
            for (String pid : info.getFactoryPids()) {
                all.add(new Described(pid, true, info.getObjectClassDefinition(pid, null), bundle));
            }
        }
        all.sort(java.util.Comparator.comparing(Described::pid));
        return all;
    }

    private Described find(String pid) throws Exception {
        String factoryPid = pid;
        Configuration existing = existing(pid);
        if (existing != null && existing.getFactoryPid() != null) {
            factoryPid = existing.getFactoryPid();
        }
        for (Described d : described()) {
            if (d.pid().equals(factoryPid)) {
                return d;
            }
        }
        throw ApiError.notFound("no configurable component '" + pid + "'; GET /api/v1/config lists them");
    }

    private JsonObject describe(Described d) throws Exception {
        JsonObject c = new JsonObject();
        c.addProperty("pid", d.pid());
        c.addProperty("factory", d.factory());
        c.addProperty("name", d.ocd().getName());
        c.addProperty("description", d.ocd().getDescription());
        c.addProperty("bundle", d.bundle().getSymbolicName());
        JsonArray attributes = new JsonArray();
        AttributeDefinition[] ads = d.ocd().getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition ad : ads == null ? new AttributeDefinition[0] : ads) {
            JsonObject a = new JsonObject();
            a.addProperty("id", ad.getID());
            a.addProperty("name", ad.getName());
            a.addProperty("description", ad.getDescription());
            a.addProperty("type", ValueCodec.typeName(ad.getType()));
            a.addProperty("cardinality", ad.getCardinality());
            a.add("default", ValueCodec.tree(ad.getDefaultValue()));
            if (ad.getOptionValues() != null) {
                a.add("options", ValueCodec.options(ad));
            }
            attributes.add(a);
        }
        c.add("attributes", attributes);
        if (d.factory()) {
            JsonArray instances = new JsonArray();
            Configuration[] found = backends.configAdmin().listConfigurations(
                    "(service.factoryPid=" + d.pid().replaceAll("[()*\\\\]", "") + ")");
            for (Configuration instance : found == null ? new Configuration[0] : found) {
                JsonObject i = new JsonObject();
                i.addProperty("pid", instance.getPid());
                i.add("values", ValueCodec.values(instance.getProperties(), ads));
                instances.add(i);
            }
            c.add("instances", instances);
        } else {
            Configuration configuration = existing(d.pid());
            c.add("values", ValueCodec.values(configuration == null ? null : configuration.getProperties(), ads));
        }
        return c;
    }

    private Object update(Call call) throws Exception {
        String pid = call.param("pid");
        Described d = find(pid);
        if (d.factory() && pid.equals(d.pid())) {
            throw ApiError.badRequest("'" + pid + "' is a factory: POST /api/v1/config/" + pid
                    + "/instances creates an instance, PUT /api/v1/config/{instance pid} changes one");
        }
        Configuration configuration = d.factory() ? existing(pid)
                : backends.configAdmin().getConfiguration(pid, "?");
        JsonObject body = call.body(JsonObject.class);
        Dictionary<String, Object> properties = merge(configuration, d, body);
        snapshots.before(call, "PUT /config/" + pid);
        configuration.update(properties);
        audit.record(call.user(), call.address(), "config.update", pid + " " + values(body).keySet());
        return describe(d);
    }

    private Object create(Call call) throws Exception {
        Described d = find(call.param("pid"));
        if (!d.factory()) {
            throw ApiError.badRequest("'" + d.pid() + "' is not a factory; PUT /api/v1/config/" + d.pid());
        }
        Dictionary<String, Object> properties = merge(null, d, call.body(JsonObject.class));
        snapshots.before(call, "POST /config/" + d.pid() + "/instances");
        Configuration configuration = backends.configAdmin().createFactoryConfiguration(d.pid(), "?");
        configuration.update(properties);
        audit.record(call.user(), call.address(), "config.create", configuration.getPid());
        return new Router.Reply(201, Map.of("pid", configuration.getPid()));
    }

    private Object delete(Call call) throws Exception {
        Configuration configuration = existing(call.param("pid"));
        if (configuration == null) {
            throw ApiError.notFound("no configuration '" + call.param("pid") + "'");
        }
        snapshots.before(call, "DELETE /config/" + call.param("pid"));
        configuration.delete();
        audit.record(call.user(), call.address(), "config.delete", call.param("pid"));
        return Map.of("deleted", call.param("pid"));
    }

    private static Dictionary<String, Object> merge(Configuration configuration, Described d, JsonObject body) {
        JsonObject values = values(body);
        Dictionary<String, Object> properties = configuration == null || configuration.getProperties() == null
                ? new Hashtable<>() : configuration.getProperties();
        AttributeDefinition[] ads = d.ocd().getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (Map.Entry<String, JsonElement> entry : values.entrySet()) {
            AttributeDefinition ad = ValueCodec.definition(ads, entry.getKey(), d.pid());
            properties.put(entry.getKey(), ValueCodec.convert(ad, entry.getValue()));
        }
        return properties;
    }

    private static JsonObject values(JsonObject body) {
        return body.has("properties") && body.get("properties").isJsonObject() ? body.getAsJsonObject("properties")
                : body;
    }

    private Configuration existing(String pid) throws Exception {
        if (!PID.matcher(pid).matches()) {
            throw ApiError.badRequest("a PID has only letters, digits and . _ ~ -; got '" + pid + "'");
        }
        Configuration[] found = backends.configAdmin().listConfigurations("(service.pid=" + pid + ")");
        return found == null ? null : found[0];
    }
}
