package dev.continuum.federated.coordinator.internal;

import com.google.gson.JsonObject;
import dev.continuum.federated.Deltas;
import dev.continuum.federated.FederatedException;
import dev.continuum.federated.GlobalModel;
import dev.continuum.federated.ModelUpdate;
import dev.continuum.federated.RoundPlan;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs rounds: invites every enrolled gateway with the global model and the plan, takes updates until all
 * invited gateways answered or the deadline passed (who did not answer by then is a straggler, and a
 * later update is refused as late), and aggregates if at least {@code minParticipants} updates were
 * accepted; otherwise the round fails and the global model stays. Updates arrive on the transport's
 * thread through {@link #onUpdate}; {@link #runRound()} blocks its caller for the round.
 */
public final class Coordinator {

    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

    /** How the coordinator reaches gateways. */
    public interface Link {
        /** Sends {@code EXEC/train} with {@code body}; completes with the reply's response code. */
        CompletableFuture<Integer> train(String gateway, byte[] body);
    }

    /**
     * @param minParticipants accepted updates needed to aggregate
     * @param roundMillis from invitation to deadline
     * @param minSamples an update from fewer windows is refused
     * @param maxWeight a gateway's weight is its sample count, capped here (one site cannot dominate by claiming more)
     */
    public record Settings(int minParticipants, long roundMillis, int epochs, double learningRate, int batchSize,
            double clip, double noiseMultiplier, double proximalMu, long minSamples, long maxWeight) {
    }

    private final Settings settings;
    private final List<String> gateways;
    private final Validator validator;
    private final Link link;
    private final Consumer<RoundRecord> history;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition answered = lock.newCondition();
    private GlobalModel global;
    private int round;
    private Open open;

    /** The state of the round that is open. */
    private static final class Open {
        final RoundPlan plan;
        final Map<String, ModelUpdate> accepted = new LinkedHashMap<>();
        final Map<String, String> rejected = new LinkedHashMap<>();
        final List<String> pending;

        Open(RoundPlan plan, List<String> invited) {
            this.plan = plan;
            this.pending = new ArrayList<>(invited);
        }
    }

    public Coordinator(Settings settings, Map<String, PublicKey> enrolled, GlobalModel initial, int lastRound, Link link,
            Consumer<RoundRecord> history, Clock clock) {
        this.settings = settings;
        this.gateways = List.copyOf(enrolled.keySet());
        this.validator = new Validator(enrolled, settings.minSamples());
        this.global = initial;
        this.round = lastRound;
        this.link = link;
        this.history = history;
        this.clock = clock;
    }

    public GlobalModel global() {
        lock.lock();
        try {
            return global;
        } finally {
            lock.unlock();
        }
    }

    /** Runs the next round to its close; returns its record (also handed to the history). */
    public RoundRecord runRound() throws InterruptedException {
        long started = clock.millis();
        RoundPlan plan;
        GlobalModel base;
        lock.lock();
        try {
            round++;
            base = global;
            plan = new RoundPlan(round, settings.epochs(), settings.learningRate(), settings.batchSize(), settings.clip(),
                    settings.noiseMultiplier(), settings.proximalMu(), started + settings.roundMillis());
            open = new Open(plan, gateways);
        } finally {
            lock.unlock();
        }
        JsonObject body = new JsonObject();
        body.add("model", base.toJson());
        body.add("plan", plan.toJson());
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        for (String gateway : gateways) {
            link.train(gateway, bytes).whenComplete((code, error) -> {
                if (error != null || code != 200) {
                    refuse(plan.round(), gateway, error != null ? "UNREACHABLE: " + error.getMessage()
                            : "REFUSED: response code " + code);
                }
            });
        }
        lock.lock();
        try {
            while (!open.pending.isEmpty()) {
                long left = plan.deadlineMillis() - clock.millis();
                if (left <= 0) {
                    break;
                }
                answered.await(left, TimeUnit.MILLISECONDS);
            }
            return close(base, plan, started);
        } finally {
            lock.unlock();
        }
    }

    private RoundRecord close(GlobalModel base, RoundPlan plan, long started) {
        Open closing = open;
        open = null;
        List<double[]> deltas = new ArrayList<>();
        List<Long> weights = new ArrayList<>();
        Map<String, Long> accepted = new LinkedHashMap<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        long total = 0;
        for (ModelUpdate update : closing.accepted.values()) {
            long weight = Math.min(update.samples(), settings.maxWeight());
            deltas.add(update.delta());
            weights.add(weight);
            accepted.put(update.gateway(), update.samples());
            update.metrics().forEach((name, value) -> metrics.merge(name, value * weight, Double::sum));
            total += weight;
        }
        final long sum = total;
        metrics.replaceAll((name, value) -> value / sum);
        String version = null;
        String status = RoundRecord.FAILED;
        if (closing.accepted.size() >= settings.minParticipants() && !deltas.isEmpty()) {
            version = nextVersion(plan.round());
            global = Deltas.apply(base, Deltas.weightedAverage(deltas, weights), version);
            status = RoundRecord.AGGREGATED;
        }
        RoundRecord record = new RoundRecord(plan.round(), base.version(), version, status, gateways, accepted,
                closing.rejected, closing.pending, metrics, started, clock.millis());
        LOG.info("round {}: {} ({} accepted, {} rejected, {} stragglers) -> {}", plan.round(), status, accepted.size(),
                closing.rejected.size(), closing.pending.size(), version == null ? base.version() : version);
        history.accept(record);
        return record;
    }

    /** An update from {@code gateway} (its signed envelope); refused ones are recorded with the reason. */
    public void onUpdate(String gateway, byte[] envelope) {
        lock.lock();
        try {
            if (open == null) {
                LOG.warn("update from {} while no round is open: refused as LATE", gateway);
                return;
            }
            if (!open.pending.contains(gateway)) {
                String reason = open.accepted.containsKey(gateway) || open.rejected.containsKey(gateway)
                        ? "DUPLICATE: a second update in round " + open.plan.round() : "UNTRUSTED_KEY: not invited";
                LOG.warn("update from {} refused: {}", gateway, reason);
                return;
            }
            try {
                ModelUpdate update = validator.check(gateway, envelope, global, open.plan);
                open.accepted.put(gateway, update);
            } catch (FederatedException e) {
                LOG.warn("round {}: update from {} refused: {}", open.plan.round(), gateway, e.toString());
                open.rejected.put(gateway, e.reason() + ": " + e.getMessage());
            }
            open.pending.remove(gateway);
            answered.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A gateway said it does not take part in {@code round} (too little data, outside its window, busy). */
    public void onDeclined(String gateway, int forRound, String reason) {
        refuse(forRound, gateway, "DECLINED: " + reason);
    }

    private void refuse(int forRound, String gateway, String reason) {
        lock.lock();
        try {
            if (open != null && open.plan.round() == forRound && open.pending.remove(gateway)) {
                open.rejected.put(gateway, reason);
                answered.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private String nextVersion(int forRound) {
        return "1.0." + forRound;
    }
}
