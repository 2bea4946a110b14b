package dev.continuum.itests.pipeline;

import dev.continuum.api.data.TypedValue;
import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.PortType;
import dev.continuum.api.pipeline.Record;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test components registered through the SPI from the test probe: {@code seq-source} emits a numbered
 * record every {@code period.ms} from its own thread; {@code seq-sink} collects what reaches it, and the
 * thread it ran on, by pipeline.
 */
public final class SequenceComponents {

    public static final Map<String, List<Long>> RECEIVED = new ConcurrentHashMap<>();
    /** The last thread {@code seq-sink} ran on, by pipeline. */
    public static final Map<String, String> SINK_THREAD = new ConcurrentHashMap<>();

    private SequenceComponents() {
    }

    public static ComponentFactory source() {
        return new ComponentFactory() {
            @Override
            public PortType input() {
                return PortType.NONE;
            }

            @Override
            public PortType output() {
                return PortType.SAMPLES;
            }

            @Override
            public Component create(ComponentContext context) throws dev.continuum.api.pipeline.PipelineException {
                long period = (long) context.number("period.ms", 2);
                Emitter output = context.output();
                Thread thread = new Thread(() -> {
                    long n = 0;
                    while (!Thread.currentThread().isInterrupted()) {
                        output.emit(new Record(Instant.now(), Map.of("channel", TypedValue.ofString("seq/n"),
                                "value", TypedValue.ofLong(n++), "status", TypedValue.ofString("GOOD"))));
                        try {
                            Thread.sleep(period);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "seq-source-" + context.pipeline());
                thread.start();
                return new Component() {
                    @Override
                    public void accept(Record record, Emitter out) {
                        out.emit(record);
                    }

                    @Override
                    public void close() {
                        thread.interrupt();
                    }
                };
            }
        };
    }

    public static ComponentFactory sink() {
        return new ComponentFactory() {
            @Override
            public PortType input() {
                return PortType.RECORDS;
            }

            @Override
            public PortType output() {
                return PortType.NONE;
            }

            @Override
            public Component create(ComponentContext context) {
                List<Long> into = RECEIVED.computeIfAbsent(context.pipeline(), key -> new CopyOnWriteArrayList<>());
                return (record, out) -> {
                    SINK_THREAD.put(context.pipeline(), Thread.currentThread().getName());
                    into.add((long) record.field("value").asDouble());
                };
            }
        };
    }
}
