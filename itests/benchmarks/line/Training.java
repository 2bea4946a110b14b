package dev.continuum.itests.line;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --training}: federated local training on the gateway while the line runs (issue 12: training may
 * raise the line's p99 by at most 20 %). The gateway runs the features federated and federated-coordinator
 * besides the line's; the line's pipelines stay as they are. The participant trains with the documented
 * defaults (a quarter of one core, all day, a buffer of 4,000 windows, rounds declined below 200) and is fed
 * by a pipeline of its own, {@code federated}: per pair of tags a {@code source} into a {@code federated-buffer}
 * (16 samples; no model filter, the tags carry the simulator's counter). The coordinator, on the line's
 * broker in the same process (its share of the work is a message and an average of 388 values per round),
 * invites the gateway to round after round ({@code rounds} 0 = until stopped, {@link #ROUND_SECONDS} s each,
 * the update due 0.5 s before the deadline, a pause of 1 s between rounds, {@link #EPOCHS} epochs so that the
 * deadline rather than the epochs ends training: it trains nearly all the time, at its budget). The gateway's identity
 * is made here and enrolled in the coordinator's configuration before the start. The measured span starts
 * after the first aggregated round; the rounds that overlap it and their reported training time (in
 * proportion to the overlap) are part of the result.
 */
final class Training extends Fault {

    static final int PAIRS = 8;
    static final int ROUND_SECONDS = 10;
    static final int EPOCHS = 2000;
    private static final Pattern STATUS = Pattern.compile("\"status\":\"(AGGREGATED|FAILED)\"");

    private final Path identityDir;
    private final String publicKey;
    private Rounds inSpan;
    private long spanMillis;
    private long spanStarted;

    /**
     * The rounds of the coordinator's history that overlap a span; a round's reported training time and steps
     * count in proportion to its overlap (a round trains from its start until shortly before it closes).
     *
     * @param lastClosed when the last round in the history closed (epoch ms; 0: none yet)
     */
    record Rounds(int aggregated, int failed, double busyMillis, double steps, long samples, String lastRefusal,
            long lastClosed) {
        static final Rounds NONE = new Rounds(0, 0, 0, 0, 0, "", 0);
    }

    Training(Path identityDir) throws IOException {
        super("training", "federated local training on the gateway (cpuShare 0.25, rounds of " + ROUND_SECONDS + " s)");
        this.identityDir = identityDir;
        this.publicKey = makeIdentity(identityDir);
    }

    /** The participant, its buffer's pipeline and the coordinator, as profile configurations. */
    List<String> configurations(Workload w) {
        if (w.tags() < 2) {
            throw new IllegalArgumentException("--training feeds the training buffer from pairs of tags: needs --tags >= 2");
        }
        List<String> components = new ArrayList<>();
        List<String> wires = new ArrayList<>();
        for (int p = 0; p < Math.min(PAIRS, w.tags() / 2); p++) {
            String channels = "tags/t" + 2 * p + ",tags/t" + (2 * p + 1);
            components.add("{\"name\": \"fs" + p + "\", \"type\": \"source\", \"config\": {\"channels\": \"" + channels + "\"}}");
            components.add("{\"name\": \"fb" + p + "\", \"type\": \"federated-buffer\", \"config\": {\"channels\": \""
                    + channels + "\", \"length\": 16}}");
            wires.add("{\"emitter\": \"fs" + p + "\", \"receiver\": \"fb" + p + "\"}");
        }
        // The counter the tags carry runs from 0 at about 100 a second; normalisation in its range keeps training finite.
        return List.of(
                Rest.quote("dev.continuum.federated.participant") + ": {\"clientId\": " + Rest.quote(w.gatewayId())
                        + ", \"cpuShare:Double\": 0.25, \"trainingWindow\": \"00:00-24:00\", \"capacity:Integer\": 4000,"
                        + " \"minSamples:Integer\": 200, \"marginMillis:Long\": 500, \"identityDir\": "
                        + Rest.quote(identityDir.toString()) + "}",
                Rest.quote("dev.continuum.pipeline~federated") + ": {\"name\": \"federated\", \"graph\": {\"components\": ["
                        + String.join(", ", components) + "], \"wires\": [" + String.join(", ", wires) + "]}}",
                Rest.quote("dev.continuum.federated.coordinator") + ": {\"brokerUri\": " + Rest.quote(w.brokerUri())
                        + ", \"account\": \"continuum\", \"clientId\": " + Rest.quote(w.gatewayId() + "-coordinator")
                        + ", \"participants\": [" + Rest.quote(w.gatewayId() + "=" + publicKey) + "],"
                        + " \"minParticipants:Integer\": 1, \"rounds:Integer\": 0, \"roundSeconds:Long\": " + ROUND_SECONDS
                        + ", \"pauseSeconds:Long\": 1, \"epochs:Integer\": " + EPOCHS + ", \"minSamples:Long\": 100,"
                        + " \"initialMean:double[]\": [3000, 3000], \"initialStd:double[]\": [2000, 2000]}");
    }

    /** Waits (before the measured phase) until the first round aggregated: the buffer is full enough, rounds run. */
    @Override
    void ready(LineBench bench, GatewayRun run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (read(run, 0, Long.MAX_VALUE).aggregated() == 0) {
            if (System.nanoTime() > deadline || !run.gateway.isAlive()) {
                Rounds rounds = read(run, 0, Long.MAX_VALUE);
                throw new IllegalStateException("no federated round aggregated within 180 s (" + rounds.failed()
                        + " failed; last refusal: " + rounds.lastRefusal() + ")" + (run.gateway.isAlive() ? ""
                                : " (the gateway process exited)") + "; gateway output:\n" + run.tail());
            }
            Thread.sleep(500);
        }
        LineBench.log("training: the first federated round aggregated");
    }

    @Override
    void before(LineBench bench, GatewayRun run) {
        spanStarted = System.currentTimeMillis();
    }

    /** Waits for the round that trains at the span's end to close (the line goes on), then sums the span's rounds. */
    @Override
    void after(LineBench bench, GatewayRun run) throws IOException, InterruptedException {
        long spanEnded = System.currentTimeMillis();
        spanMillis = spanEnded - spanStarted;
        long deadline = System.nanoTime() + Duration.ofSeconds(ROUND_SECONDS + 5).toNanos();
        while (read(run, 0, Long.MAX_VALUE).lastClosed() < spanEnded && System.nanoTime() < deadline
                && run.gateway.isAlive()) {
            Thread.sleep(200);
        }
        inSpan = read(run, spanStarted, spanEnded);
        if (inSpan.busyMillis() < 0.1 * spanMillis) {
            LineBench.log(String.format(Locale.ROOT, "training: WARNING only %.2f of a core trained in the measured span"
                    + " (the trainer gets idle CPU only): this run does not show training's effect", inSpan.busyMillis()
                    / Math.max(1, spanMillis)));
        }
    }

    @Override
    String describe() {
        Rounds r = inSpan;
        return r == null ? super.describe() : String.format(Locale.ROOT, "training: %d federated rounds aggregated,"
                + " %d failed overlapping the measured span; training in the span %.0f ms (%.2f of a core), %.0f steps, buffer %d windows",
                r.aggregated(), r.failed(), r.busyMillis(), r.busyMillis() / Math.max(1, spanMillis), r.steps(), r.samples());
    }

    /** The rounds that overlapped the measured span, for the result's JSON. */
    String json() {
        Rounds r = inSpan == null ? Rounds.NONE : inSpan;
        return String.format(Locale.ROOT, "{\"on\": true, \"cpuShare\": 0.25, \"roundSeconds\": %d, \"epochsPerRound\": %d,"
                + " \"roundsAggregated\": %d, \"roundsFailed\": %d, \"trainBusyMs\": %.0f, \"trainShareOfOneCore\": %.3f,"
                + " \"trainSteps\": %.0f, \"bufferWindows\": %d, \"spanMs\": %d, \"lastRefusal\": %s}",
                ROUND_SECONDS, EPOCHS, r.aggregated(), r.failed(), r.busyMillis(), r.busyMillis() / Math.max(1, spanMillis),
                r.steps(), r.samples(), spanMillis, Rest.quote(r.lastRefusal()));
    }

    /** The rounds in the coordinator's history (in the gateway's data directory) that overlap {@code [from, to]}. */
    static Rounds read(GatewayRun run, long from, long to) throws IOException {
        Path history = run.dir.resolve("data/federated-coordinator/history.jsonl");
        if (!Files.exists(history)) {
            return Rounds.NONE;
        }
        int aggregated = 0;
        int failed = 0;
        double busy = 0;
        double steps = 0;
        long samples = 0;
        String refusal = "";
        long lastClosed = 0;
        for (String line : Files.readAllLines(history, StandardCharsets.UTF_8)) {
            Matcher status = STATUS.matcher(line);
            if (!status.find()) {
                continue; // a line being written
            }
            long started = (long) number(line, "\"started\":");
            long closed = (long) number(line, "\"closed\":");
            lastClosed = Math.max(lastClosed, closed);
            double overlap = Math.min(closed, to) - Math.max(started, from);
            if (closed == started ? started < from || started > to : overlap <= 0) {
                continue;
            }
            double share = closed == started ? 1 : overlap / (closed - started);
            if (status.group(1).equals("AGGREGATED")) {
                aggregated++;
                busy += share * number(line, "\"train.busy.ms\":");
                steps += share * number(line, "\"train.steps\":");
                Matcher accepted = Pattern.compile("\"accepted\":\\{\"[^\"]*\":(\\d+)").matcher(line);
                samples = accepted.find() ? Long.parseLong(accepted.group(1)) : samples;
            } else {
                failed++;
                Matcher rejected = Pattern.compile("\"rejected\":\\{\"[^\"]*\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(line);
                refusal = rejected.find() ? rejected.group(1) : "no update by the deadline";
            }
        }
        return new Rounds(aggregated, failed, busy, steps, samples, refusal, lastClosed);
    }

    private static double number(String line, String key) {
        Matcher m = Pattern.compile(Pattern.quote(key) + "([-0-9.Ee]+)").matcher(line);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** The gateway's Ed25519 identity as the participant keeps it (base64 PKCS#8 and X.509); its public key. */
    private static String makeIdentity(Path dir) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("this JVM cannot make an Ed25519 key pair for the gateway's identity", e);
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("identity.key"), Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n", StandardCharsets.US_ASCII);
        String publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        Files.writeString(dir.resolve("identity.pub"), publicKey + "\n", StandardCharsets.US_ASCII);
        return publicKey;
    }
}
