package dev.continuum.inference.internal.store;

import dev.continuum.api.inference.ModelManifest;

/** A model version read from the store: its manifest and the verified model bytes. */
public record StoredModel(ModelManifest manifest, byte[] model) {
}
