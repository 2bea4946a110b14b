package dev.continuum.inference.internal.service;

import dev.continuum.api.inference.InferenceException;
import dev.continuum.inference.internal.store.ModelStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the models this bundle ships ({@code models/index} lists {@code NAME/VERSION} lines) into the
 * store when missing, and makes each the active version of a name that has none. Never replaces what
 * an operator installed.
 */
final class DefaultModels {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultModels.class);

    private final ModelStore store;

    DefaultModels(ModelStore store) {
        this.store = store;
    }

    void seed(Bundle bundle) {
        byte[] index = entry(bundle, "models/index");
        if (index == null) {
            return;
        }
        for (String line : new String(index, StandardCharsets.UTF_8).split("\n")) {
            String[] parts = line.trim().split("/");
            if (parts.length != 2) {
                continue;
            }
            String name = parts[0];
            String version = parts[1];
            try {
                if (!store.contains(name, version)) {
                    String dir = "models/" + name + "/" + version + "/";
                    store.put(entry(bundle, dir + ModelStore.MODEL_FILE), entry(bundle, dir + ModelStore.MANIFEST_FILE));
                }
                if (store.pointer(name, ModelStore.ACTIVE).isEmpty()) {
                    store.setPointer(name, ModelStore.ACTIVE, Optional.of(version));
                }
            } catch (InferenceException | RuntimeException e) {
                LOG.error("default model {} {} not installed: {}", name, version, e.getMessage());
            }
        }
    }

    private static byte[] entry(Bundle bundle, String path) {
        URL url = bundle.getEntry(path);
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + " from " + bundle.getSymbolicName(), e);
        }
    }
}
