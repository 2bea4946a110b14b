package dev.continuum.example.pipeline.internal;

import dev.continuum.api.data.TypedValue;
import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.api.pipeline.PortType;
import dev.continuum.api.pipeline.Record;
import java.time.Instant;
import java.util.Map;

/**
 * {@code load}: a source for benchmarks and soak tests. From its own thread it emits records with
 * {@code channel} = {@code load/N} ({@code N} cycling over {@code channels}, default 8) and {@code value} =
 * the record's number modulo 1024, as fast as its output wire accepts them (under the BLOCK policy that is
 * the pipeline's throughput). It stops when the pipeline closes it.
 *
 * <p>The example of a source: {@link PortType#NONE} input, a thread started in {@link #create} and ended
 * in {@link Component#close()}, records pushed through {@link ComponentContext#output()}.
 */
@org.osgi.service.component.annotations.Component(service = ComponentFactory.class,
        property = ComponentFactory.TYPE + "=load")
public final class LoadSourceFactory implements ComponentFactory {

    @Override
    public PortType input() {
        return PortType.NONE;
    }

    @Override
    public PortType output() {
        return PortType.RECORDS;
    }

    @Override
    public Component create(ComponentContext context) throws PipelineException {
        double count = context.number("channels", 8);
        if (!(count >= 1 && count <= 100_000 && count == Math.rint(count))) {
            throw new PipelineException("component '" + context.name() + "': channels must be a whole number in 1..100000, got "
                    + count);
        }
        TypedValue[] channels = new TypedValue[(int) count];
        for (int i = 0; i < channels.length; i++) {
            channels[i] = TypedValue.ofString("load/" + i);
        }
        Emitter output = context.output();
        Thread thread = new Thread(() -> {
            long n = 0;
            while (!Thread.currentThread().isInterrupted()) {
                output.emit(new Record(Instant.now(), Map.of(Record.CHANNEL, channels[(int) (n % channels.length)],
                        Record.VALUE, TypedValue.ofDouble(n & 1023))));
                n++;
            }
        }, "continuum-load-" + context.pipeline() + "-" + context.name());
        thread.setDaemon(true);
        thread.start();
        return new Component() {
            @Override
            public void accept(Record record, Emitter out) {
                // a source has no input wire
            }

            @Override
            public void close() {
                thread.interrupt();
            }
        };
    }
}
