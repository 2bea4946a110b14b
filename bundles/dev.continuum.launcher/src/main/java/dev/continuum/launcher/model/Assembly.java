package dev.continuum.launcher.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A runtime assembled from a profile's features: the bundles to install, the framework properties and
 * the configurations to apply, with conflicts between features reported by name.
 *
 * @param profile the profile, or {@code null} when features were named directly
 * @param features the features, in order
 * @param bundles the bundles, each once
 * @param frameworkProperties features' properties overridden by the profile's
 * @param configurations features' configurations, then the profile's, merged key by key
 */
public record Assembly(
        Profile profile,
        List<Feature> features,
        List<BundleRef> bundles,
        Map<String, String> frameworkProperties,
        Map<String, JsonObject> configurations) {

    /** Loads {@code hardware/NAME/profile.json} and the features it names. */
    public static Assembly ofProfile(Path hardwareDir, Path featuresDir, String profileName) throws ModelException {
        Path file = hardwareDir.resolve(profileName).resolve("profile.json");
        if (!Files.isRegularFile(file)) {
            throw new ModelException("no profile '" + profileName + "' (" + file + "); profiles: "
                    + String.join(", ", names(hardwareDir, true)));
        }
        Profile profile = Profile.read(file, profileName);
        return of(profile, load(featuresDir, profile.features()));
    }

    /** Assembles the named features with no profile (tests, benchmarks). */
    public static Assembly ofFeatures(Path featuresDir, List<String> featureNames) throws ModelException {
        return of(null, load(featuresDir, featureNames));
    }

    private static List<Feature> load(Path featuresDir, List<String> names) throws ModelException {
        List<Feature> features = new ArrayList<>();
        for (String name : names) {
            Path file = featuresDir.resolve(name + ".json");
            if (!Files.isRegularFile(file)) {
                throw new ModelException("no feature '" + name + "' (" + file + "); features: "
                        + String.join(", ", names(featuresDir, false)));
            }
            features.add(Feature.read(file, name));
        }
        return features;
    }

    private static Assembly of(Profile profile, List<Feature> features) throws ModelException {
        Map<String, BundleRef> bundles = new LinkedHashMap<>();
        Map<String, String> owners = new LinkedHashMap<>();
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, JsonObject> configurations = new LinkedHashMap<>();
        for (Feature feature : features) {
            for (BundleRef bundle : feature.bundles()) {
                BundleRef known = bundles.get(bundle.key());
                if (known != null && !known.version().equals(bundle.version())) {
                    throw new ModelException("features '" + owners.get(bundle.key()) + "' and '" + feature.name()
                            + "' name different versions of " + bundle.key() + ": " + known.version()
                            + " and " + bundle.version());
                }
                if (known == null || bundle.startLevel() < known.startLevel()) {
                    bundles.put(bundle.key(), bundle);
                    owners.putIfAbsent(bundle.key(), feature.name());
                }
            }
            properties.putAll(feature.frameworkProperties());
            merge(configurations, feature.configurations());
        }
        if (profile != null) {
            properties.putAll(profile.frameworkProperties());
            merge(configurations, profile.configurations());
        }
        return new Assembly(profile, features, new ArrayList<>(bundles.values()), properties, configurations);
    }

    private static void merge(Map<String, JsonObject> target, Map<String, JsonObject> source) {
        source.forEach((pid, properties) -> {
            JsonObject merged = target.containsKey(pid) ? target.get(pid).deepCopy() : new JsonObject();
            for (Map.Entry<String, JsonElement> entry : properties.entrySet()) {
                merged.add(entry.getKey(), entry.getValue().deepCopy());
            }
            target.put(pid, merged);
        });
    }

    private static List<String> names(Path dir, boolean folders) {
        TreeSet<String> names = new TreeSet<>();
        try (var entries = Files.list(dir)) {
            entries.forEach(entry -> {
                String name = entry.getFileName().toString();
                if (folders && Files.isRegularFile(entry.resolve("profile.json"))) {
                    names.add(name);
                } else if (!folders && name.endsWith(".json")) {
                    names.add(name.substring(0, name.length() - ".json".length()));
                }
            });
        } catch (java.io.IOException e) {
            return Collections.singletonList("(cannot list " + dir + ": " + e.getMessage() + ")");
        }
        return new ArrayList<>(names);
    }

    /** The highest start level of any bundle: the framework's beginning start level. */
    public int maxStartLevel() {
        return bundles.stream().mapToInt(BundleRef::startLevel).max().orElse(1);
    }

    /** The configurations as one OSGi Configurator JSON document. */
    public JsonObject configurationDocument() {
        JsonObject document = new JsonObject();
        document.addProperty(":configurator:resource-version", 1);
        configurations.forEach(document::add);
        return document;
    }
}
