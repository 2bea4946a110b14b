package dev.continuum.federated.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.continuum.federated.FederatedException;
import dev.continuum.federated.GlobalModel;
import dev.continuum.federated.ModelUpdate;
import dev.continuum.federated.RoundPlan;
import dev.continuum.federated.SignedUpdate;
import dev.continuum.inference.modelgen.GradientTrainer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class CoordinatorTest {

    private final GlobalModel initial = new GlobalModel("m", "1.0.0", 4, new double[] {0, 0}, new double[] {1, 1},
            GradientTrainer.randomComponents(2, 8, 3));
    private final Map<String, KeyPair> keys = new LinkedHashMap<>();
    private final List<RoundRecord> history = new ArrayList<>();

    private Coordinator coordinator(int minParticipants, long roundMillis, BiConsumer<String, RoundPlan> onTrain,
            String... gateways) throws Exception {
        Map<String, PublicKey> enrolled = new LinkedHashMap<>();
        for (String gateway : gateways) {
            keys.put(gateway, KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
            enrolled.put(gateway, keys.get(gateway).getPublic());
        }
        return new Coordinator(new Coordinator.Settings(minParticipants, roundMillis, 1, 0.01, 8, 1, 0, 0, 10, 1000),
                enrolled, initial, 0, (gateway, body) -> {
                    JsonObject json = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
                    RoundPlan plan = RoundPlan.fromJson(json.getAsJsonObject("plan"));
                    new Thread(() -> onTrain.accept(gateway, plan)).start();
                    return CompletableFuture.completedFuture(200);
                }, history::add, Clock.systemUTC());
    }

    private byte[] signed(String gateway, int round, double value, long samples) {
        double[] delta = new double[initial.parameterCount()];
        Arrays.fill(delta, value);
        ModelUpdate update = new ModelUpdate(gateway, "m", "1.0.0", round, samples, delta, Map.of("loss", 1.0));
        return SignedUpdate.sign(update, keys.get(gateway).getPrivate(), keys.get(gateway).getPublic());
    }

    @Test
    void averagesTheAcceptedUpdatesWeightedBySampleCount() throws Exception {
        Coordinator[] c = new Coordinator[1];
        c[0] = coordinator(2, 10_000, (gateway, plan) -> c[0].onUpdate(gateway,
                signed(gateway, plan.round(), gateway.equals("a") ? 0.01 : 0.04, gateway.equals("a") ? 300 : 100)), "a", "b");

        RoundRecord record = c[0].runRound();

        assertThat(record.status()).isEqualTo(RoundRecord.AGGREGATED);
        assertThat(record.accepted()).containsEntry("a", 300L).containsEntry("b", 100L);
        assertThat(c[0].global().version()).isEqualTo("1.0.1");
        // Weighted mean shift (0.01 * 300 + 0.04 * 100) / 400 = 0.0175 of one std on the first channel.
        assertThat(c[0].global().mean()[0]).isCloseTo(0.0175, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(history).containsExactly(record);
    }

    @Test
    void aRoundWithTooFewUpdatesByTheDeadlineFailsKeepsTheModelAndNamesTheStragglers() throws Exception {
        Coordinator[] c = new Coordinator[1];
        // A 3 s round: gateway a's signed update (cold Ed25519 on a loaded box) must arrive in it; slow never answers.
        c[0] = coordinator(2, 3000, (gateway, plan) -> {
            if (gateway.equals("a")) {
                c[0].onUpdate(gateway, signed(gateway, plan.round(), 0.01, 100));
            }
        }, "a", "slow");

        RoundRecord record = c[0].runRound();

        assertThat(record.status()).isEqualTo(RoundRecord.FAILED);
        assertThat(record.stragglers()).containsExactly("slow");
        assertThat(c[0].global()).isSameAs(initial);
        c[0].onUpdate("slow", signed("slow", 1, 0.01, 100));
        assertThat(c[0].global()).isSameAs(initial);
    }

    @Test
    void refusesUpdatesForAnotherRoundOfAnotherShapeOrFromTooFewWindowsWithTheReason() throws Exception {
        coordinator(1, 1000, (g, p) -> { }, "a");
        Validator validator = new Validator(Map.of("a", keys.get("a").getPublic()), 10);
        RoundPlan plan = new RoundPlan(2, 1, 0.01, 8, 1, 0, 0, Long.MAX_VALUE);

        assertThatThrownBy(() -> validator.check("a", signed("a", 1, 0.01, 100), initial, plan))
                .isInstanceOf(FederatedException.class).hasMessageContaining("round 1").extracting("reason")
                .isEqualTo(FederatedException.Reason.WRONG_ROUND);
        assertThatThrownBy(() -> validator.check("a", signed("a", 2, 0.01, 5), initial, plan))
                .extracting("reason").isEqualTo(FederatedException.Reason.TOO_FEW_SAMPLES);
        assertThatThrownBy(() -> validator.check("a", signed("a", 2, 1.0, 100), initial, plan))
                .extracting("reason").isEqualTo(FederatedException.Reason.NORM_BOUND);
        assertThatThrownBy(() -> validator.check("b", signed("a", 2, 0.01, 100), initial, plan))
                .extracting("reason").isEqualTo(FederatedException.Reason.UNTRUSTED_KEY);
        byte[] tampered = new String(signed("a", 2, 0.01, 100), StandardCharsets.UTF_8)
                .replaceFirst("\"payload\":\"e", "\"payload\":\"f").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> validator.check("a", tampered, initial, plan))
                .extracting("reason").isIn(FederatedException.Reason.BAD_SIGNATURE, FederatedException.Reason.MALFORMED);
        assertThatThrownBy(() -> validator.check("a", "not json".getBytes(StandardCharsets.UTF_8), initial, plan))
                .extracting("reason").isEqualTo(FederatedException.Reason.MALFORMED);
    }
}
