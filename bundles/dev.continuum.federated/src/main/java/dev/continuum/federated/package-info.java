/**
 * The federated learning protocol FED-V1 between gateways and a coordinator, as value types both sides
 * share: the global model's parameters, a round's training plan, a gateway's weight update and its signed
 * envelope, and the arithmetic that turns updates into the next global model. The wire format is
 * described in {@code docs/federated.md}.
 */
@Version("1.0.0")
package dev.continuum.federated;

import org.osgi.annotation.versioning.Version;
