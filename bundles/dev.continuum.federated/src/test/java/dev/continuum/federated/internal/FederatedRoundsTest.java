package dev.continuum.federated.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.federated.Deltas;
import dev.continuum.federated.GlobalModel;
import dev.continuum.federated.ModelUpdate;
import dev.continuum.federated.RoundPlan;
import dev.continuum.inference.modelgen.Autoencoder;
import dev.continuum.inference.modelgen.GradientTrainer;
import dev.continuum.inference.modelgen.Metrics;
import dev.continuum.inference.modelgen.ModelGen;
import dev.continuum.inference.modelgen.NormalProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FederatedRoundsTest {

    static final List<NormalProcess.Shift> SHIFTS = NormalProcess.Shift.fiveSites();

    @Test
    void fedAvgOfShiftedSitesBeatsEveryLocalModelAndComesCloseToCentralTraining(@TempDir Path dir) throws Exception {
        List<Participant> participants = new ArrayList<>();
        List<double[][]> training = new ArrayList<>();
        List<double[][]> holdouts = new ArrayList<>();
        for (int g = 0; g < SHIFTS.size(); g++) {
            TrainingBuffer buffer = new TrainingBuffer(1500, 300, 5);
            NormalProcess process = new NormalProcess(100 + g, SHIFTS.get(g));
            for (int i = 0; i < 1500 * 5 / 4; i++) {
                buffer.offer(process.window(16));
            }
            training.add(buffer.training());
            holdouts.add(buffer.holdout());
            participants.add(new Participant(new Participant.Settings("gw-" + g, 100, 1.0, 50, "00:00-24:00", 0),
                    buffer, GatewayIdentity.loadOrCreate(dir.resolve("gw-" + g)), Clock.systemUTC(), new Random(g)));
        }
        GlobalModel global = new GlobalModel("federated-anomaly", "1.0.0", 16, new double[] {0, 40},
                new double[] {0.71, 0.71}, GradientTrainer.randomComponents(12, 32, 1));
        for (int round = 1; round <= 10; round++) {
            RoundPlan plan = new RoundPlan(round, 2, 0.01, 32, 10, 0, 0, Long.MAX_VALUE);
            List<double[]> deltas = new ArrayList<>();
            List<Long> weights = new ArrayList<>();
            for (Participant p : participants) {
                ModelUpdate update = p.train(global, plan).update();
                deltas.add(update.delta());
                weights.add(update.samples());
            }
            global = Deltas.apply(global, Deltas.weightedAverage(deltas, weights), "1.0." + round);
        }
        double federated = auc(global.autoencoder(), holdouts);
        double[][] pooled = training.stream().flatMap(java.util.Arrays::stream).toArray(double[][]::new);
        double central = auc(Autoencoder.train(pooled, 2, 12), holdouts);
        double localSum = 0;
        for (double[][] local : training) {
            double a = auc(Autoencoder.train(local, 2, 12), holdouts);
            localSum += a;
        }
        System.out.println("federated " + federated + " central " + central + " mean local " + localSum / 5);
        assertThat(federated).isGreaterThan(localSum / 5);
        assertThat(federated).isGreaterThan(central - 0.02);
    }

    static double auc(Autoencoder model, List<double[][]> holdouts) {
        List<Double> normal = new ArrayList<>();
        List<Double> anomalous = new ArrayList<>();
        for (double[][] holdout : holdouts) {
            for (double[] w : holdout) {
                normal.add(model.score(model.normalise(w)));
                anomalous.add(model.score(model.normalise(ModelGen.withSpike(w))));
            }
        }
        return Metrics.auc(normal.stream().mapToDouble(Double::doubleValue).toArray(),
                anomalous.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
