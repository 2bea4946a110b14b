/**
 * Remote updates: signed update manifests for deployment packages and models, and the agent that
 * downloads, verifies, installs and health-gates them without restarting the gateway.
 *
 * <p>An update is described by a signed {@link dev.continuum.api.update.UpdateManifest}: the artifacts it
 * pins together (name, SHA-256, size), the target it is built for (profile, gateway version range) and
 * an expiry. The {@link dev.continuum.api.update.UpdateAgent} fetches the manifest first (bounded in
 * size), checks its Ed25519 signature against the trust anchors in its configuration, then streams each
 * artifact bounded by the size the manifest declares, so that an endless or oversized download is cut
 * off. Nothing is installed unless every check passes; a failed check is an
 * {@link dev.continuum.api.update.UpdateException} whose {@link dev.continuum.api.update.UpdateException.Reason}
 * says which.
 *
 * @see <a href="https://theupdateframework.github.io/specification/latest/">The Update Framework
 *     specification (the attacks the checks defend against)</a>
 * @see <a href="https://docs.osgi.org/specification/osgi.cmpn/7.0.0/service.deploymentadmin.html">OSGi
 *     Compendium 114, Deployment Admin</a>
 */
@Version("1.0.0")
package dev.continuum.api.update;

import org.osgi.annotation.versioning.Version;
