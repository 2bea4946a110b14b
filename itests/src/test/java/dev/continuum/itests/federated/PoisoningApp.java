package dev.continuum.itests.federated;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraRequest;
import dev.continuum.cloud.mqtt.kura.KuraRequestHandler;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import dev.continuum.federated.Fed;
import dev.continuum.federated.GlobalModel;
import dev.continuum.federated.ModelUpdate;
import dev.continuum.federated.RoundPlan;
import dev.continuum.federated.SignedUpdate;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Map;

/**
 * A malicious enrolled participant: answers every round with a poisoned update of the right shape and
 * round, signed with its enrolled key (or, for {@link Poison#FORGED}, with another key).
 */
final class PoisoningApp implements KuraRequestHandler {

    enum Poison { NAN, HUGE, FORGED }

    private final String gateway;
    private final Poison poison;
    private final KeyPair enrolled;
    private final KeyPair signing;

    PoisoningApp(String gateway, Poison poison) throws Exception {
        this.gateway = gateway;
        this.poison = poison;
        this.enrolled = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        this.signing = poison == Poison.FORGED ? KeyPairGenerator.getInstance("Ed25519").generateKeyPair() : enrolled;
    }

    KeyPair enrolledKey() {
        return enrolled;
    }

    @Override
    public void handle(KuraRequest request, KuraResponder responder) {
        JsonObject body = JsonParser.parseString(new String(request.payload().body(), StandardCharsets.UTF_8))
                .getAsJsonObject();
        GlobalModel model = GlobalModel.fromJson(body.getAsJsonObject("model"));
        RoundPlan plan = RoundPlan.fromJson(body.getAsJsonObject("plan"));
        responder.reply(200, new KuraPayload(System.currentTimeMillis(), Map.of(Fed.ROUND, (long) plan.round()), null));
        double[] delta = new double[model.parameterCount()];
        Arrays.fill(delta, poison == Poison.NAN ? Double.NaN : poison == Poison.HUGE ? 1e6 : 0.01);
        ModelUpdate update = new ModelUpdate(gateway, model.name(), model.version(), plan.round(), 1_000_000, delta,
                Map.of());
        responder.notify(Fed.UPDATE, new KuraPayload(System.currentTimeMillis(), Map.of(Fed.ROUND, (long) plan.round(),
                Fed.STATUS_METRIC, "SENT"), SignedUpdate.sign(update, signing.getPrivate(), signing.getPublic())));
    }
}
