package dev.continuum.api.update;

import java.util.List;

/**
 * A deployment package as Deployment Admin reports it.
 *
 * @param name its symbolic name
 * @param version its version
 * @param bundles its bundles
 */
public record InstalledPackage(String name, String version, List<UpdateManifest.PinnedBundle> bundles) {

    public InstalledPackage {
        bundles = List.copyOf(bundles);
    }
}
