package dev.continuum.placement.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.placement.Placement;
import dev.continuum.api.placement.PrivacyClass;
import dev.continuum.placement.internal.workload.WorkloadSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadSpecsTest {

    private static ComponentContext context(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of("model", "vibration-anomaly", "channels", "a/v, a/t"));
        config.putAll(extra);
        return new ComponentContext() {
            @Override
            public String pipeline() {
                return "line";
            }

            @Override
            public String name() {
                return "score";
            }

            @Override
            public Map<String, Object> config() {
                return config;
            }

            @Override
            public Emitter output() {
                return record -> { };
            }
        };
    }

    @Test
    void keepsARawStaysOnSiteWorkloadWithoutARemoteModelLocal() throws Exception {
        WorkloadSpec spec = WorkloadSpecs.parse(context(Map.of()), null);

        assertThat(spec.name()).isEqualTo("line/score");
        assertThat(spec.requirements().privacy()).isEqualTo(PrivacyClass.RAW_STAYS_ON_SITE);
        assertThat(spec.placements()).containsExactly(Placement.LOCAL);
        assertThat(spec.remoteModel()).isEmpty();
        assertThat(spec.channels()).isEqualTo(2);
    }

    @Test
    void readsTheRequirementsAndDefaultsTheTimeoutToHalfTheBudget() throws Exception {
        WorkloadSpec spec = WorkloadSpecs.parse(context(Map.of("privacy", "raw_may_leave", "latency.p99.ms", 30,
                "bandwidth.bytes.per.s", "20000", "breach.ms", 500, "placements", "MEC, LOCAL", "pin", "local")), null);

        assertThat(spec.placements()).containsExactly(Placement.MEC, Placement.LOCAL);
        assertThat(spec.remoteModel()).contains("vibration-anomaly");
        assertThat(spec.requirements().bandwidthBytesPerSecond()).isEqualTo(20_000);
        assertThat(spec.requirements().breachMillis()).isEqualTo(500);
        assertThat(spec.timeoutMillis()).isEqualTo(15);
        assertThat(spec.start()).isEqualTo(Placement.MEC);
        assertThat(spec.pin()).contains(Placement.LOCAL);
    }

    @Test
    void namesTheKeyAndTheAcceptedValuesOfABadSetting() {
        assertThatThrownBy(() -> WorkloadSpecs.parse(context(Map.of("privacy", "SECRET")), null))
                .hasMessageContaining("'privacy' has 'SECRET'").hasMessageContaining("RAW_STAYS_ON_SITE");
        assertThatThrownBy(() -> WorkloadSpecs.parse(context(Map.of("placements", "LOCAL,EDGE")), null))
                .hasMessageContaining("'placements' has 'EDGE'").hasMessageContaining("CLOUD");
        assertThatThrownBy(() -> WorkloadSpecs.parse(context(Map.of("pin", "MEC")), null))
                .hasMessageContaining("usable placements [LOCAL]");
        assertThatThrownBy(() -> WorkloadSpecs.parse(context(Map.of("latency.p99.ms", 0)), null))
                .hasMessageContaining("latency budget must be > 0");
    }

    @Test
    void splitsTheChannelIds() throws Exception {
        assertThat(WorkloadSpecs.channelIds(context(Map.of()))).isEqualTo(List.of("a/v", "a/t"));
    }
}
