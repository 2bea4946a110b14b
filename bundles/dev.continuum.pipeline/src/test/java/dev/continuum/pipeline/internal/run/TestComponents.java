package dev.continuum.pipeline.internal.run;

import dev.continuum.api.data.TypedValue;
import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.PortType;
import dev.continuum.api.pipeline.Record;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Factories for runner tests: a pass-through counter with state ({@code pass}, {@code pass2}), a collecting
 * sink that may be slow, one that fails on odd records, one that emits from a thread of its own; each
 * notes the threads it was called on, and whether it was ever called by two threads at once.
 */
final class TestComponents implements FactoryLookup {

    final Map<String, ComponentFactory> factories = new ConcurrentHashMap<>();
    final Map<String, List<Record>> collected = new ConcurrentHashMap<>();
    final Map<String, Set<String>> threads = new ConcurrentHashMap<>();
    final AtomicBoolean overlapped = new AtomicBoolean();
    private final Map<String, AtomicInteger> inside = new ConcurrentHashMap<>();

    TestComponents() {
        ComponentFactory pass = factory(PortType.RECORDS, PortType.RECORDS, context -> new Component() {
            private long seen;

            @Override
            public void accept(Record record, Emitter out) {
                enter(context.name());
                seen++;
                out.emit(record.with("seen." + context.name(), TypedValue.ofLong(seen)));
                leave(context.name());
            }
        });
        factories.put("pass", pass);
        factories.put("pass2", pass);
        factories.put("fail-odd", factory(PortType.RECORDS, PortType.RECORDS, context -> (record, out) -> {
            if (record.field("n").asDouble() % 2 == 1) {
                throw new IllegalStateException("odd record " + record.field("n"));
            }
            out.emit(record);
        }));
        factories.put("async", factory(PortType.RECORDS, PortType.RECORDS, context -> {
            ExecutorService own = Executors.newSingleThreadExecutor();
            return new Component() {
                @Override
                public void accept(Record record, Emitter out) {
                    own.execute(() -> context.output().emit(record));
                }

                @Override
                public void close() {
                    own.shutdown();
                }
            };
        }));
        factories.put("collect", factory(PortType.RECORDS, PortType.NONE, context -> {
            // not a CopyOnWriteArrayList: a copy per record made collecting 20,000 records quadratic (seconds
            // under load, and a test's deadline missed)
            List<Record> into = collected.computeIfAbsent(context.name(),
                    key -> java.util.Collections.synchronizedList(new java.util.ArrayList<>()));
            long delayNanos = (long) (Double.parseDouble(context.string("delay.us", "0")) * 1000);
            return (record, out) -> {
                enter(context.name());
                if (delayNanos > 0) {
                    long until = System.nanoTime() + delayNanos;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                }
                into.add(record);
                leave(context.name());
            };
        }));
        factories.put("results", factory(PortType.RESULTS, PortType.NONE, context -> (record, out) -> { }));
        factories.put("samples", factory(PortType.SAMPLES, PortType.RESULTS, context -> (record, out) -> { }));
    }

    interface Creator {
        Component create(ComponentContext context) throws dev.continuum.api.pipeline.PipelineException;
    }

    static ComponentFactory factory(PortType in, PortType out, Creator creator) {
        return new TestFactory(in, out, creator);
    }

    /** A factory whose components run on their source's threads, as {@code inference} does. */
    static ComponentFactory onSourceThreads(PortType in, PortType out, Creator creator) {
        return new OnSourceThreads(in, out, creator);
    }

    private static class TestFactory implements ComponentFactory {
        private final PortType in;
        private final PortType out;
        private final Creator creator;

        TestFactory(PortType in, PortType out, Creator creator) {
            this.in = in;
            this.out = out;
            this.creator = creator;
        }

        @Override
        public PortType input() {
            return in;
        }

        @Override
        public PortType output() {
            return out;
        }

        @Override
        public Component create(ComponentContext context) throws dev.continuum.api.pipeline.PipelineException {
            return creator.create(context);
        }
    }

    private static final class OnSourceThreads extends TestFactory implements RunsOnSourceThreads {
        OnSourceThreads(PortType in, PortType out, Creator creator) {
            super(in, out, creator);
        }

        @Override
        public boolean ownThread() {
            return true;
        }
    }

    /** Waits (at most 10 s) until {@code condition} holds. */
    static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Closes the runner on a thread of its own: a deadlocked runner must not hang the suite. */
    static void close(PipelineRunner runner) throws InterruptedException {
        Thread closing = new Thread(runner::close);
        closing.setDaemon(true);
        closing.start();
        closing.join(15_000);
    }

    static Record numbered(long n) {
        return new Record(Instant.now(), Map.of("n", TypedValue.ofLong(n), "value", TypedValue.ofDouble(n)));
    }

    private void enter(String component) {
        threads.computeIfAbsent(component, key -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread().getName());
        if (inside.computeIfAbsent(component, key -> new AtomicInteger()).incrementAndGet() > 1) {
            overlapped.set(true);
        }
    }

    private void leave(String component) {
        inside.get(component).decrementAndGet();
    }

    /** A snapshot of what the collector {@code name} has received so far, in order. */
    List<Record> collected(String name) {
        List<Record> list = collected.getOrDefault(name, List.of());
        synchronized (list) {
            return new java.util.ArrayList<>(list);
        }
    }

    @Override
    public ComponentFactory factory(String type) {
        return factories.get(type);
    }

    @Override
    public Collection<String> types() {
        return factories.keySet();
    }

    static final AtomicLong SEQUENCE = new AtomicLong();
}
