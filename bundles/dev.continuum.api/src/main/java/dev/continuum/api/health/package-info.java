/**
 * The gateway's health: every Continuum component reports UP, DEGRADED or DOWN with a reason, and
 * {@link dev.continuum.api.health.GatewayHealth} aggregates them for the console, REST and remote
 * management.
 *
 * <p>Components report by registering an Apache Felix Health Check
 * ({@code org.apache.felix.hc.api.HealthCheck}) whose {@code hc.tags} include
 * {@link dev.continuum.api.health.GatewayHealth#TAG}; the gateway does not define a health framework of
 * its own.
 */
@Version("1.0.0")
package dev.continuum.api.health;

import org.osgi.annotation.versioning.Version;
