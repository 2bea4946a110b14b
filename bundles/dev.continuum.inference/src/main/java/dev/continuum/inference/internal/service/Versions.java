package dev.continuum.inference.internal.service;

import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.ModelOptions;
import dev.continuum.inference.internal.runtime.LoadedModel;
import dev.continuum.inference.internal.runtime.ModelValidator;
import dev.continuum.inference.internal.runtime.SessionFactory;
import dev.continuum.inference.internal.store.ModelStore;
import dev.continuum.inference.internal.store.StoredModel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads and validates versions and makes them active, keeping the store's pointers in step. */
final class Versions {

    private static final Logger LOG = LoggerFactory.getLogger(Versions.class);

    private final ModelStore store;
    private final SessionFactory sessions;

    Versions(ModelStore store, SessionFactory sessions) {
        this.store = store;
        this.sessions = sessions;
    }

    /**
     * Loads {@code stored} and runs every check; a version that fails is closed and never serves. A version that
     * passes has also run one single-window batch here, so that ONNX Runtime's first-run work for that shape
     * happens on this thread rather than on the first caller's after the swap (the first call on a new version
     * measured 4-9 times a normal one at p50, tens of microseconds; see docs/benchmarks.md).
     */
    LoadedModel validated(StoredModel stored, ModelOptions options) throws InferenceException {
        LoadedModel loaded = sessions.load(stored, options);
        try {
            ModelValidator.validate(loaded);
            ModelValidator.warmUp(loaded);
            return loaded;
        } catch (InferenceException | RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    /** At start: loads the stored {@code version} into an empty slot. */
    void load(ModelSlot slot, String version, ModelOptions options) throws InferenceException {
        slot.swap(validated(store.read(slot.name(), version), options));
        LOG.debug("model {} {} loaded", slot.name(), version);
    }

    /** Makes {@code loaded} active; the replaced version becomes the previous one. */
    void activate(ModelSlot slot, LoadedModel loaded) {
        synchronized (slot) {
            String version = loaded.manifest().version();
            long start = System.nanoTime();
            Optional<String> replaced = slot.swap(loaded);
            long micros = (System.nanoTime() - start) / 1000;
            if (replaced.isPresent() && !replaced.get().equals(version)) {
                slot.previousVersion(replaced);
                store.setPointer(slot.name(), ModelStore.PREVIOUS, replaced);
            }
            store.setPointer(slot.name(), ModelStore.ACTIVE, Optional.of(version));
            LOG.info("model {}: {} active (was {}, swap and close took {} us)", slot.name(), version,
                    replaced.orElse("none"), micros);
        }
    }

    /** Replaces the active version by a reload of itself (new options); pointers stay. */
    void swapKeepingPrevious(ModelSlot slot, LoadedModel loaded) {
        synchronized (slot) {
            slot.swap(loaded);
        }
    }
}
