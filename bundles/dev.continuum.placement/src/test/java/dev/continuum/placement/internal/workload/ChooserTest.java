package dev.continuum.placement.internal.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.placement.Placement;
import dev.continuum.api.placement.PrivacyClass;
import dev.continuum.api.placement.WorkloadRequirements;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChooserTest {

    private static final WorkloadRequirements BUDGET_30_MS =
            new WorkloadRequirements(30, PrivacyClass.RAW_STAYS_ON_SITE, 10_000, 500);
    private static final List<Placement> ALL = List.of(Placement.LOCAL, Placement.MEC, Placement.CLOUD);
    private final Chooser chooser = new Chooser(0.9, 0.05);

    private static Chooser.Candidate measured(double p99, double errors, double costMicros, double bytesPerWindow) {
        return new Chooser.Candidate(true, new Meter.Summary(50, p99 / 2, p99, errors, costMicros, bytesPerWindow));
    }

    @Test
    void choosesTheCheapestPlacementThatMeetsTheBudget() {
        Chooser.Choice choice = chooser.choose(BUDGET_30_MS, ALL, Map.of(
                Placement.LOCAL, measured(1, 0, 40, 0),
                Placement.MEC, measured(3, 0, 15, 100),
                Placement.CLOUD, measured(45, 0, 15, 100)), 50, 0.2);

        assertThat(choice.placement()).isEqualTo(Placement.MEC);
        assertThat(choice.reason()).contains("CLOUD p99 45.0 ms").contains("> budget 30.0 ms");
    }

    @Test
    void leavesARemotePlacementWhoseP99BreachesTheBudget() {
        Chooser.Choice choice = chooser.choose(BUDGET_30_MS, ALL, Map.of(
                Placement.LOCAL, measured(1, 0, 40, 0),
                Placement.MEC, measured(81, 0, 15, 100),
                Placement.CLOUD, new Chooser.Candidate(false, new Meter.Summary(0, 0, 0, 0, Double.NaN, 0))), 50, 0.2);

        assertThat(choice.placement()).isEqualTo(Placement.LOCAL);
        assertThat(choice.reason()).contains("MEC p99 81.0 ms").contains("CLOUD: not available");
    }

    @Test
    void avoidsASaturatedLocalCpuWhileARemotePlacementMeetsTheBudget() {
        Map<Placement, Chooser.Candidate> candidates = Map.of(
                Placement.LOCAL, measured(1, 0, 10, 0),
                Placement.MEC, measured(3, 0, 30, 100));

        assertThat(chooser.choose(BUDGET_30_MS, ALL.subList(0, 2), candidates, 50, 0.5).placement())
                .isEqualTo(Placement.LOCAL);
        assertThat(chooser.choose(BUDGET_30_MS, ALL.subList(0, 2), candidates, 50, 0.97).placement())
                .isEqualTo(Placement.MEC);
    }

    @Test
    void staysLocalOnASaturatedCpuWhenNoRemotePlacementMeetsTheBudget() {
        Chooser.Choice choice = chooser.choose(BUDGET_30_MS, ALL.subList(0, 2), Map.of(
                Placement.LOCAL, measured(2, 0, 10, 0),
                Placement.MEC, measured(80, 0.5, 30, 100)), 50, 0.97);

        assertThat(choice.placement()).isEqualTo(Placement.LOCAL);
        assertThat(choice.reason()).contains("saturated").contains("error rate 50%");
    }

    @Test
    void refusesARemotePlacementWhoseUplinkExceedsTheBandwidthBudget() {
        Chooser.Choice choice = chooser.choose(BUDGET_30_MS, ALL.subList(0, 2), Map.of(
                Placement.LOCAL, measured(2, 0, 50, 0),
                Placement.MEC, measured(3, 0, 10, 500)), 50, 0.1);

        assertThat(choice.placement()).isEqualTo(Placement.LOCAL);
        assertThat(choice.reason()).contains("uplink 25000 B/s > budget 10000 B/s");
    }
}
