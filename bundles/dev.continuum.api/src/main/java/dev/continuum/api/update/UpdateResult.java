package dev.continuum.api.update;

import java.util.Optional;

/**
 * A committed update.
 *
 * @param name the package's or model's name
 * @param version the version now installed
 * @param previousVersion the version it replaced, if any
 * @param installMillis from the start of the install to the commit (health gate included)
 */
public record UpdateResult(String name, String version, Optional<String> previousVersion, long installMillis) {
}
