package dev.continuum.itests.federated;

import dev.continuum.federated.internal.FederatedApp;
import dev.continuum.federated.internal.GatewayIdentity;
import dev.continuum.federated.internal.Participant;
import dev.continuum.federated.internal.TrainingBuffer;
import dev.continuum.inference.modelgen.Autoencoder;
import dev.continuum.inference.modelgen.Metrics;
import dev.continuum.inference.modelgen.ModelGen;
import dev.continuum.inference.modelgen.NormalProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** One gateway's site for the federated tests: its shifted machine, its buffer filled from it, its FED-V1 app. */
final class Site {

    static final int LENGTH = 16;

    final String gateway;
    final TrainingBuffer buffer;
    final FederatedApp app;

    Site(String gateway, NormalProcess.Shift shift, long seed, Path dataDir, double cpuShare) throws IOException {
        this.gateway = gateway;
        this.buffer = new TrainingBuffer(1500, 300, 5);
        NormalProcess machine = new NormalProcess(seed, shift);
        for (int i = 0; i < 1875; i++) {
            buffer.offer(machine.window(LENGTH));
        }
        GatewayIdentity identity = GatewayIdentity.loadOrCreate(dataDir.resolve(gateway));
        this.app = new FederatedApp(buffer, identity, new Participant(new Participant.Settings(gateway, 100, cpuShare,
                20, "00:00-24:00", 1000), buffer, identity, Clock.systemUTC()));
    }

    /** AUC of {@code model} on the union of the sites' holdouts: their normal windows against spiked copies. */
    static double auc(Autoencoder model, List<Site> sites) {
        List<double[]> normal = new ArrayList<>();
        for (Site site : sites) {
            normal.addAll(List.of(site.buffer.holdout()));
        }
        double[] normalScores = new double[normal.size()];
        double[] anomalyScores = new double[normal.size()];
        for (int i = 0; i < normal.size(); i++) {
            normalScores[i] = model.score(model.normalise(normal.get(i)));
            anomalyScores[i] = model.score(model.normalise(ModelGen.withSpike(normal.get(i))));
        }
        return Metrics.auc(normalScores, anomalyScores);
    }
}
