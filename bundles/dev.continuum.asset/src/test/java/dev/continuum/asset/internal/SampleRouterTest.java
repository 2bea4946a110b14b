package dev.continuum.asset.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.asset.SampleListener;
import dev.continuum.api.data.Sample;
import dev.continuum.api.data.TypedValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleRouterTest {

    @Test
    void deliversOnlyToListenersWhosePatternsMatchAndSurvivesAFailingOne() {
        SampleRouter router = new SampleRouter();
        List<String> all = new ArrayList<>();
        List<String> press = new ArrayList<>();
        List<String> temperatures = new ArrayList<>();
        router.addListener(s -> all.add(s.channelId()), Map.of());
        router.addListener(s -> press.add(s.channelId()), Map.of(SampleListener.CHANNELS, "press/*"));
        router.addListener(s -> temperatures.add(s.channelId()),
                Map.of(SampleListener.CHANNELS, new String[] {"*/temperature"}));
        router.addListener(s -> {
            throw new IllegalStateException("broken listener");
        }, Map.of());
        router.publish(Sample.good("press/temperature", TypedValue.ofDouble(1), Instant.now()));
        router.publish(Sample.good("pump/flow", TypedValue.ofDouble(1), Instant.now()));
        assertThat(all).containsExactly("press/temperature", "pump/flow");
        assertThat(press).containsExactly("press/temperature");
        assertThat(temperatures).containsExactly("press/temperature");
    }
}
