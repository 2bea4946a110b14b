package dev.continuum.example.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.Record;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoadSourceFactoryTest {

    /** A context whose output is a bounded queue: a full queue blocks the source, like a BLOCK wire. */
    private record Wire(Map<String, Object> config, BlockingQueue<Record> queue) implements ComponentContext {
        @Override
        public String pipeline() {
            return "bench";
        }

        @Override
        public String name() {
            return "load";
        }

        @Override
        public Emitter output() {
            return record -> {
                try {
                    queue.put(record);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
        }
    }

    @Test
    void emitsNumberedRecordsOverItsChannelsUntilClosed() throws Exception {
        BlockingQueue<Record> queue = new ArrayBlockingQueue<>(16);
        Component source = new LoadSourceFactory().create(new Wire(Map.of("channels", 3), queue));
        try {
            List<String> channels = new java.util.ArrayList<>();
            List<Double> values = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Record record = queue.poll(5, TimeUnit.SECONDS);
                channels.add(String.valueOf(record.field(Record.CHANNEL).value()));
                values.add(record.field(Record.VALUE).asDouble());
            }
            assertThat(channels).containsExactly("load/0", "load/1", "load/2", "load/0", "load/1");
            assertThat(values).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
        } finally {
            source.close();
        }
        Thread.sleep(100);
        queue.clear();
        Thread.sleep(100);
        assertThat(queue.size()).as("nothing after close").isLessThanOrEqualTo(1);
    }

    @Test
    void refusesAChannelCountThatIsNotAWholePositiveNumber() {
        assertThatThrownBy(() -> new LoadSourceFactory().create(new Wire(Map.of("channels", 0), null)))
                .hasMessageContaining("channels must be a whole number in 1..100000, got 0");
    }
}
