package dev.continuum.example.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.api.data.TypedValue;
import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.Record;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EwmaFactoryTest {

    private record Ctx(Map<String, Object> config) implements ComponentContext {
        @Override
        public String pipeline() {
            return "p";
        }

        @Override
        public String name() {
            return "avg";
        }

        @Override
        public Emitter output() {
            return record -> { };
        }
    }

    @Test
    void smoothsEachChannelSeparately() throws Exception {
        Component ewma = new EwmaFactory().create(new Ctx(Map.of("alpha", 0.5)));
        List<Record> out = new ArrayList<>();
        for (double v : new double[] {10, 20, 20}) {
            ewma.accept(new Record(Instant.now(), Map.of("channel", TypedValue.ofString("a"),
                    "value", TypedValue.ofDouble(v))), out::add);
        }
        ewma.accept(new Record(Instant.now(), Map.of("channel", TypedValue.ofString("b"),
                "value", TypedValue.ofDouble(1))), out::add);

        assertThat(out).extracting(r -> r.field("ewma").asDouble()).containsExactly(10.0, 15.0, 17.5, 1.0);
    }

    @Test
    void refusesAnAlphaOutsideItsRange() {
        assertThatThrownBy(() -> new EwmaFactory().create(new Ctx(Map.of("alpha", 2))))
                .hasMessage("component 'avg': alpha must be in (0, 1], got 2.0");
    }
}
