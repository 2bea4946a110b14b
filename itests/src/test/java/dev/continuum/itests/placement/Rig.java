package dev.continuum.itests.placement;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The test's machine: {@code rig-source} emits a vibration (sine, period 8 steps) and a temperature sample
 * per step, one step every 2 ms, from its own thread, while not stopped; {@code rig-sink} keeps every
 * result record with its arrival time.
 */
final class Rig {

    /** A result and when it reached the sink. */
    record Arrival(Record record, Instant at) {
    }

    static final List<Arrival> RESULTS = new CopyOnWriteArrayList<>();
    /** Steps emitted by the source instance running now (a graph retried at start creates it again). */
    static final java.util.concurrent.atomic.AtomicReference<AtomicLong> STEPS =
            new java.util.concurrent.atomic.AtomicReference<>(new AtomicLong());
    private static volatile boolean running = true;

    private Rig() {
    }

    static void stop() {
        running = false;
    }

    /**
     * The steps emitted once a {@link #stop()} has taken effect: the source may be past its check of the flag and
     * finish one more step, so this waits until the count holds still for 100 ms.
     */
    static long settledSteps() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long seen = STEPS.get().get();
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000_000);
            long now = STEPS.get().get();
            if (now == seen) {
                return now;
            }
            seen = now;
        }
        throw new AssertionError("the rig's source still emits 5 s after it was stopped");
    }

    /** Lets the source run again, with a fresh result list. */
    static void restart() {
        RESULTS.clear();
        running = true;
    }

    static ComponentFactory source() {
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
            public Component create(ComponentContext context) {
                Emitter output = context.output();
                AtomicLong steps = new AtomicLong();
                STEPS.set(steps);
                Thread thread = new Thread(() -> {
                    long step = 0;
                    while (!Thread.currentThread().isInterrupted()) {
                        if (!running) {
                            // Paused, not ended: a graph change that keeps this component resumes it.
                            LockSupport.parkNanos(2_000_000);
                            continue;
                        }
                        Instant now = Instant.now();
                        double temperature = 40 + Math.sin(2 * Math.PI * step / 800);
                        double vibration = Math.sin(2 * Math.PI * step / 8);
                        output.emit(sample("rig/temperature", temperature, now));
                        output.emit(sample("rig/vibration", vibration, now));
                        steps.set(++step);
                        LockSupport.parkNanos(2_000_000);
                    }
                }, "rig-source");
                thread.setDaemon(true);
                return new Component() {
                    @Override
                    public void accept(Record record, Emitter out) {
                        out.emit(record);
                    }

                    @Override
                    public void tick(Instant now, Emitter out) {
                        // Emit only once the pipeline runs: records emitted during create() reach no wire yet.
                        if (thread.getState() == Thread.State.NEW) {
                            thread.start();
                        }
                    }

                    @Override
                    public void close() {
                        thread.interrupt();
                    }
                };
            }
        };
    }

    private static Record sample(String channel, double value, Instant time) {
        return new Record(time, Map.of(Record.CHANNEL, TypedValue.ofString(channel), Record.VALUE,
                TypedValue.ofDouble(value), Record.STATUS, TypedValue.ofString("GOOD")));
    }

    static ComponentFactory sink() {
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
                return (record, out) -> RESULTS.add(new Arrival(record, Instant.now()));
            }
        };
    }
}
