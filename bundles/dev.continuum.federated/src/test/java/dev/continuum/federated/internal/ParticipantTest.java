package dev.continuum.federated.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.federated.Deltas;
import dev.continuum.federated.FederatedException;
import dev.continuum.federated.GlobalModel;
import dev.continuum.federated.ModelUpdate;
import dev.continuum.federated.RoundPlan;
import dev.continuum.federated.SignedUpdate;
import dev.continuum.inference.modelgen.GradientTrainer;
import dev.continuum.inference.modelgen.NormalProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParticipantTest {

    private static final GlobalModel GLOBAL = new GlobalModel("m", "1.0.0", 16, new double[] {0, 40},
            new double[] {0.71, 0.71}, GradientTrainer.randomComponents(4, 32, 1));

    private static TrainingBuffer filled(int windows) {
        TrainingBuffer buffer = new TrainingBuffer(500, 100, 5);
        NormalProcess machine = new NormalProcess(7);
        for (int i = 0; i < windows; i++) {
            buffer.offer(machine.window(16));
        }
        return buffer;
    }

    private static Participant participant(TrainingBuffer buffer, Path dir, double cpuShare) throws Exception {
        return new Participant(new Participant.Settings("gw", 50, cpuShare, 5, "00:00-24:00", 0), buffer,
                GatewayIdentity.loadOrCreate(dir), Clock.systemUTC(), new Random(1));
    }

    @Test
    void theBufferKeepsTheNewestWindowsAndSetsEveryFifthAsideAsHoldout() {
        TrainingBuffer buffer = filled(1000);

        assertThat(buffer.trainingSize()).isEqualTo(500);
        assertThat(buffer.holdoutSize()).isEqualTo(100);
    }

    @Test
    void sendsAClippedNoisedSignedDeltaThatVerifiesWithTheGatewaysKey(@TempDir Path dir) throws Exception {
        Participant participant = participant(filled(400), dir, 1.0);
        RoundPlan plan = new RoundPlan(1, 1, 0.01, 16, 0.5, 0.1, 0, Long.MAX_VALUE);

        Participant.Outcome outcome = participant.train(GLOBAL, plan);

        ModelUpdate opened = SignedUpdate.open(outcome.signed(), GatewayIdentity.loadOrCreate(dir).publicKey());
        assertThat(opened.samples()).isEqualTo(320);
        assertThat(opened.delta()).hasSize(GLOBAL.parameterCount());
        assertThat(opened.metrics().get("update.norm")).isGreaterThan(0.5);
        assertThat(Deltas.norm(opened.delta())).isGreaterThan(0.5).isLessThan(Deltas.acceptedNorm(plan,
                GLOBAL.parameterCount()));
        assertThat(Files.readString(dir.resolve("identity.key"))).isNotBlank();
    }

    @Test
    void reportsHowTheActiveVersionDoesOnTheHoldoutBesideTheNewGlobalModel(@TempDir Path dir) throws Exception {
        TrainingBuffer buffer = filled(400);
        ActiveModel active = (model, windows) -> new ActiveModel.Verdict("1.0.0", new double[windows.length], 2);
        Participant participant = new Participant(new Participant.Settings("gw", 50, 1.0, 5, "00:00-24:00", 0),
                buffer, GatewayIdentity.loadOrCreate(dir), Clock.systemUTC(), new Random(1), active);

        ModelUpdate update = participant.train(GLOBAL, new RoundPlan(1, 1, 0.01, 16, 1, 0, 0, Long.MAX_VALUE)).update();

        assertThat(update.metrics()).containsEntry("holdout.loss.active", 0.0)
                .containsEntry("holdout.alarms.active", 2.0 / buffer.holdoutSize())
                .containsKey("holdout.loss.global");
    }

    @Test
    void declinesARoundWithTooFewWindows(@TempDir Path dir) throws Exception {
        Participant participant = participant(filled(20), dir, 1.0);

        assertThatThrownBy(() -> participant.train(GLOBAL, new RoundPlan(1, 1, 0.01, 16, 1, 0, 0, Long.MAX_VALUE)))
                .isInstanceOf(FederatedException.class).hasMessageContaining("50 needed");
    }

    @Test
    void trainingPausesToStayWithinItsShareOfACore(@TempDir Path dir) throws Exception {
        // The pacer the participant trains under, fed a known amount of work (1 ms steps, 120 ms in all) so
        // that the check does not depend on how fast this machine trains.
        BudgetPacer pacer = new BudgetPacer(0.25, 5, Long.MAX_VALUE, BudgetPacer.TrainingWindow.parse("00:00-24:00"),
                Clock.systemUTC());
        while (pacer.busyMillis() < 120) {
            long until = System.nanoTime() + 1_000_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            pacer.afterStep();
        }

        // A share of 0.25: every finished 5 ms slice is followed by three times its length asleep (sleeps
        // overshoot, never undershoot); only the last, unfinished slice (at most 5 ms + one step) is unpaused.
        long busy = pacer.busyMillis();
        assertThat(pacer.sleptMillis()).as("slept for %d ms busy", busy).isGreaterThanOrEqualTo(3 * (busy - 7) - 3);

        ModelUpdate update = participant(filled(2500), dir, 0.25).train(GLOBAL,
                new RoundPlan(1, 2, 0.01, 8, 10, 0, 0, Long.MAX_VALUE)).update();
        assertThat(update.metrics()).as("the update reports its busy and paused time")
                .containsKeys("train.busy.ms", "train.paused.ms");
    }

    @Test
    void stopsAtTheDeadlineAndSendsWhatItHas(@TempDir Path dir) throws Exception {
        Participant participant = participant(filled(2500), dir, 0.25);
        long deadline = System.currentTimeMillis() + 300;

        ModelUpdate update = participant.train(GLOBAL, new RoundPlan(1, 1000, 0.01, 8, 10, 0, 0, deadline)).update();

        assertThat(update.metrics().get("train.complete")).isEqualTo(0.0);
        // Past the deadline: the holdout check and the signature (all 1,000 epochs would take far longer).
        assertThat(System.currentTimeMillis()).isLessThan(deadline + 3000);
    }

    @Test
    void aWindowerEmitsTimeMajorWindowsOnceEveryChannelIsFull() {
        Windower windower = new Windower(java.util.List.of("v", "t"), 2);

        assertThat(windower.add("v", 1)).isNull();
        assertThat(windower.add("v", 2)).isNull();
        assertThat(windower.add("v", 99)).isNull();
        assertThat(windower.add("t", 10)).isNull();
        assertThat(windower.add("x", 5)).isNull();
        assertThat(windower.add("t", 20)).containsExactly(1, 10, 2, 20);
    }

    @Test
    void aParticipantsReusedTrainerGivesEveryRoundTheSameUpdateAsAFreshParticipant(@TempDir Path dir) throws Exception {
        TrainingBuffer buffer = filled(600);
        Participant reused = participant(buffer, dir, 1.0);
        RoundPlan first = new RoundPlan(1, 2, 0.01, 16, 10, 0, 0, Long.MAX_VALUE);
        RoundPlan second = new RoundPlan(2, 2, 0.01, 16, 10, 0, 0, Long.MAX_VALUE);
        GlobalModel next = Deltas.apply(GLOBAL, reused.train(GLOBAL, first).update().delta(), "1.0.1");

        double[] again = reused.train(next, second).update().delta();

        assertThat(again).containsExactly(participant(buffer, dir, 1.0).train(next, second).update().delta());
    }

    @Test
    void aRoundAllocatesFarLessThanTheWindowsItTrainsOn(@TempDir Path dir) throws Exception {
        TrainingBuffer buffer = new TrainingBuffer(2000, 400, 5);
        NormalProcess machine = new NormalProcess(7);
        for (int i = 0; i < 2500; i++) {
            buffer.offer(machine.window(16));
        }
        Participant participant = participant(buffer, dir, 1.0);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        participant.train(GLOBAL, new RoundPlan(1, 1, 0.01, 16, 10, 0, 0, Long.MAX_VALUE));

        long before = threads.getCurrentThreadAllocatedBytes();
        participant.train(GLOBAL, new RoundPlan(2, 1, 0.01, 16, 10, 0, 0, Long.MAX_VALUE));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // 2000 training windows of 32 doubles: one normalised copy of them alone would be 544 KB.
        long windowBytes = buffer.trainingSize() * (32 * 8 + 16L);
        assertThat(allocated).isLessThan(windowBytes / 2);
    }
}
