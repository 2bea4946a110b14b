package dev.continuum.federated.coordinator.internal;

import dev.continuum.federated.Deltas;
import dev.continuum.federated.FederatedException;
import dev.continuum.federated.FederatedException.Reason;
import dev.continuum.federated.GlobalModel;
import dev.continuum.federated.ModelUpdate;
import dev.continuum.federated.RoundPlan;
import dev.continuum.federated.SignedUpdate;
import java.security.PublicKey;
import java.util.Map;

/**
 * Decides whether an update may enter the aggregate: signed by the sending gateway's enrolled key, for the
 * open round and base version, of the model's shape, finite, within the round's norm bound (clip plus the
 * plan's noise), and from enough training windows. Each refusal names the check and what was expected.
 */
final class Validator {

    private final Map<String, PublicKey> enrolled;
    private final long minSamples;

    Validator(Map<String, PublicKey> enrolled, long minSamples) {
        this.enrolled = Map.copyOf(enrolled);
        this.minSamples = minSamples;
    }

    ModelUpdate check(String gateway, byte[] envelope, GlobalModel global, RoundPlan plan) throws FederatedException {
        PublicKey key = enrolled.get(gateway);
        if (key == null) {
            throw new FederatedException(Reason.UNTRUSTED_KEY, "gateway '" + gateway + "' is not enrolled; enrolled: "
                    + enrolled.keySet());
        }
        ModelUpdate update = SignedUpdate.open(envelope, key);
        if (!update.gateway().equals(gateway)) {
            throw new FederatedException(Reason.UNTRUSTED_KEY, "the update names gateway '" + update.gateway()
                    + "' but came from '" + gateway + "'");
        }
        if (update.round() != plan.round() || !update.model().equals(global.name())
                || !update.baseVersion().equals(global.version())) {
            throw new FederatedException(Reason.WRONG_ROUND, "the update is for round " + update.round() + " of "
                    + update.model() + "@" + update.baseVersion() + "; open: round " + plan.round() + " of "
                    + global.name() + "@" + global.version());
        }
        if (update.delta().length != global.parameterCount()) {
            throw new FederatedException(Reason.WRONG_SHAPE, "the delta has " + update.delta().length
                    + " values; the model has " + global.parameterCount());
        }
        for (int i = 0; i < update.delta().length; i++) {
            if (!Double.isFinite(update.delta()[i])) {
                throw new FederatedException(Reason.NOT_FINITE, "delta value " + i + " is " + update.delta()[i]);
            }
        }
        double norm = Deltas.norm(update.delta());
        double bound = Deltas.acceptedNorm(plan, global.parameterCount());
        if (norm > bound) {
            throw new FederatedException(Reason.NORM_BOUND, "the delta's L2 norm is " + norm + "; the round accepts at"
                    + " most " + bound + " (clip " + plan.clip() + ", noise multiplier " + plan.noiseMultiplier() + ")");
        }
        if (update.samples() < minSamples) {
            throw new FederatedException(Reason.TOO_FEW_SAMPLES, "trained on " + update.samples() + " windows; at least "
                    + minSamples + " needed");
        }
        return update;
    }
}
