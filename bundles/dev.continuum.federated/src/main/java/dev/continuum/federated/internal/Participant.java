package dev.continuum.federated.internal;

import dev.continuum.federated.Deltas;
import dev.continuum.federated.FederatedException;
import dev.continuum.federated.FederatedException.Reason;
import dev.continuum.federated.GlobalModel;
import dev.continuum.federated.ModelUpdate;
import dev.continuum.federated.RoundPlan;
import dev.continuum.federated.SignedUpdate;
import dev.continuum.inference.modelgen.Autoencoder;
import dev.continuum.inference.modelgen.GradientTrainer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * One gateway's side of a round, without transport: evaluate the global model on the local holdout, train
 * it on the local windows within the CPU budget, and return the clipped, optionally noised, signed
 * difference. Nothing of the windows themselves is part of the result.
 */
public final class Participant {

    /**
     * @param gateway the gateway's client id (named in its updates)
     * @param minSamples fewer training windows than this: decline the round
     * @param cpuShare share of one core training may use
     * @param sliceMillis how long training runs between pauses
     * @param window the daily training window, {@code HH:mm-HH:mm}
     * @param marginMillis the update is sent this long before the round's deadline at the latest
     */
    public record Settings(String gateway, int minSamples, double cpuShare, long sliceMillis, String window,
            long marginMillis) {
    }

    /** What a round produced: the update (for logs and tests) and its signed envelope (what is sent). */
    public record Outcome(ModelUpdate update, byte[] signed) {
    }

    private final Settings settings;
    private final BudgetPacer.TrainingWindow window;
    private final TrainingBuffer buffer;
    private final GatewayIdentity identity;
    private final Clock clock;
    private final Random noise;
    private final ActiveModel active;
    /** Reused by every round while the model's shape stays the same: a round makes almost no garbage. */
    private GradientTrainer trainer;
    private double[] scratchWindow = new double[0];
    private double[] scratchCode = new double[0];

    public Participant(Settings settings, TrainingBuffer buffer, GatewayIdentity identity, Clock clock) {
        this(settings, buffer, identity, clock, new SecureRandom(), ActiveModel.NONE);
    }

    Participant(Settings settings, TrainingBuffer buffer, GatewayIdentity identity, Clock clock, Random noise) {
        this(settings, buffer, identity, clock, noise, ActiveModel.NONE);
    }

    Participant(Settings settings, TrainingBuffer buffer, GatewayIdentity identity, Clock clock, Random noise,
            ActiveModel active) {
        this.active = active;
        this.settings = settings;
        this.window = BudgetPacer.TrainingWindow.parse(settings.window());
        this.buffer = buffer;
        this.identity = identity;
        this.clock = clock;
        this.noise = noise;
    }

    /** One round; rounds of one participant run one at a time. */
    public synchronized Outcome train(GlobalModel global, RoundPlan plan) throws FederatedException,
            InterruptedException {
        double[][] windows = buffer.training();
        double[][] holdout = buffer.holdout();
        if (windows.length < settings.minSamples()) {
            throw new FederatedException(Reason.DECLINED, "only " + windows.length + " training windows buffered, "
                    + settings.minSamples() + " needed");
        }
        for (double[] w : windows) {
            if (w.length != global.width()) {
                throw new FederatedException(Reason.WRONG_SHAPE, "the buffer holds windows of " + w.length
                        + " values, the model " + global.name() + " takes " + global.width());
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        Autoencoder start = global.autoencoder();
        double[] holdoutScores = scores(start, holdout, new double[holdout.length]);
        metrics.put("holdout.loss.global", mean(holdoutScores));
        metrics.put("holdout.p999.global", quantile(holdoutScores, 0.999));
        compareWithActive(global, holdout, metrics);

        BudgetPacer pacer = new BudgetPacer(settings.cpuShare(), settings.sliceMillis(),
                plan.deadlineMillis() - settings.marginMillis(), window, clock);
        if (trainer == null || !trainer.fits(start)) {
            trainer = new GradientTrainer(global.components().length, global.width());
        }
        GradientTrainer.Result result = trainer.run(start, windows, new GradientTrainer.Options(plan.epochs(),
                plan.learningRate(), plan.batchSize(), plan.proximalMu(), plan.round() * 31L + windows.length), pacer);
        metrics.put("train.steps", (double) result.steps());
        metrics.put("train.complete", result.complete() ? 1.0 : 0.0);
        metrics.put("train.busy.ms", (double) pacer.busyMillis());
        metrics.put("train.paused.ms", (double) pacer.sleptMillis());
        Autoencoder local = new Autoencoder(global.mean(), global.std(),
                GradientTrainer.orthonormalise(result.components()));
        // The global model's scores are summarised above: the local model's go into the same array.
        metrics.put("holdout.loss.local", mean(scores(local, holdout, holdoutScores)));

        double[] delta = Deltas.delta(global, windows, result.components());
        double norm = Deltas.clip(delta, plan.clip());
        metrics.put("update.norm", norm);
        Deltas.addNoise(delta, plan.noiseMultiplier() * plan.clip(), noise);
        ModelUpdate update = new ModelUpdate(settings.gateway(), global.name(), global.version(), plan.round(),
                windows.length, delta, metrics);
        return new Outcome(update, SignedUpdate.sign(update, identity.privateKey(), identity.publicKey()));
    }

    /**
     * The gateway's own comparison of the new global model with the version serving here, on the local
     * holdout (normal windows only): beside the global model's {@code holdout.loss.global}, the active
     * version's mean score and the share of these normal windows it raises alarms on.
     */
    private void compareWithActive(GlobalModel global, double[][] holdout, Map<String, Double> metrics) {
        ActiveModel.Verdict verdict = holdout.length == 0 ? null : active.score(global.name(), holdout);
        if (verdict != null) {
            metrics.put("holdout.loss.active", mean(verdict.scores()));
            metrics.put("holdout.alarms.active", (double) verdict.anomalies() / holdout.length);
        }
    }

    /** The scores of {@code windows} written to {@code scores}, with the participant's scratch rows. */
    private double[] scores(Autoencoder model, double[][] windows, double[] scores) {
        int width = model.components()[0].length;
        if (scratchWindow.length != width || scratchCode.length != model.components().length) {
            scratchWindow = new double[width];
            scratchCode = new double[model.components().length];
        }
        for (int i = 0; i < windows.length; i++) {
            scores[i] = model.score(model.normalise(windows[i], scratchWindow), scratchCode);
        }
        return scores;
    }

    private static double mean(double[] values) {
        return values.length == 0 ? 0 : Arrays.stream(values).sum() / values.length;
    }

    private static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))];
    }
}
