package dev.continuum.pipeline.internal.run;

import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.ComponentStatus;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.Record;
import dev.continuum.api.pipeline.RetryLaterException;
import dev.continuum.pipeline.internal.graph.ComponentSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One component at run time: its input queue, its thread, its counters, and the queues it emits to.
 * The component may be absent (its factory is gone): the queue keeps buffering until it is back.
 */
final class Stage {

    private static final Logger LOG = LoggerFactory.getLogger(Stage.class);
    private static final int BATCH = 256;
    private static final long RETRY_MILLIS = 100;

    final ComponentSpec spec;
    final Inbox inbox;
    private final String pipeline;
    private final Thread thread;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final LatencyRecorder latency = new LatencyRecorder();
    private final Object lock = new Object();
    private volatile Inbox[] downstream = new Inbox[0];
    private volatile Component component;
    private volatile boolean running = true;
    /** Records taken from the queue in the current batch and not yet processed (still "queued" to users). */
    private volatile int inHand;
    private long lastTick = System.nanoTime();
    private final Emitter emitter = this::emit;
    /** What the component emitted before its stage was wired (while the graph was still being built). */
    private final List<Record> early = new ArrayList<>();
    private volatile boolean wired;

    Stage(String pipeline, ComponentSpec spec, Inbox inbox) {
        this.pipeline = pipeline;
        this.spec = spec;
        this.inbox = inbox;
        this.thread = new Thread(this::run, "pipeline-" + pipeline + "-" + spec.name());
        this.thread.setDaemon(true);
    }

    Emitter emitter() {
        return emitter;
    }

    void start(Component created) {
        component = created;
        thread.start();
    }

    void setDownstream(List<Inbox> receivers) {
        downstream = receivers.toArray(Inbox[]::new);
    }

    /**
     * A component may emit as soon as it is created (a source starting its thread, or emitting inside
     * {@code create}), before the runner has wired and started the graph: those records are held and
     * passed on here, first and in order, once every stage of the graph runs (so that a blocking receiver
     * is draining its queue).
     */
    void release() {
        synchronized (early) {
            early.forEach(this::forward);
            early.clear();
            wired = true;
        }
    }

    /** The factory went away: close the component, keep buffering. */
    void suspend() {
        Component current;
        synchronized (lock) {
            current = component;
            component = null;
        }
        closeQuietly(current);
    }

    /** A factory is back: run a new component on the buffered queue. */
    void resume(Component created) {
        synchronized (lock) {
            component = created;
            lock.notifyAll();
        }
    }

    boolean isWaiting() {
        return component == null;
    }

    private void emit(Record record) {
        if (!wired) {
            synchronized (early) {
                if (!wired) {
                    early.add(record);
                    return;
                }
            }
        }
        forward(record);
    }

    private void forward(Record record) {
        emitted.incrementAndGet();
        for (Inbox receiver : downstream) {
            receiver.offer(record);
        }
    }

    private void run() {
        List<Record> batch = new ArrayList<>(BATCH);
        try {
            while (running) {
                if (!awaitComponent()) {
                    return;
                }
                batch.clear();
                inHand = inbox.drain(batch, BATCH, ComponentFactory.TICK_MILLIS);
                for (Record record : batch) {
                    process(record);
                    inHand--;
                }
                tick();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean awaitComponent() throws InterruptedException {
        synchronized (lock) {
            while (running && component == null) {
                lock.wait(RETRY_MILLIS);
            }
        }
        return running;
    }

    private void process(Record record) throws InterruptedException {
        while (true) {
            Component current = component;
            if (current == null || !running) {
                if (!running) {
                    received.incrementAndGet();
                    failed.incrementAndGet();
                    LOG.error("pipeline {} component {} stopped while a record waited for it; it is lost",
                            pipeline, spec.name());
                    return;
                }
                awaitComponent();
                continue;
            }
            long begin = System.nanoTime();
            try {
                current.accept(record, emitter);
                latency.record(System.nanoTime() - begin);
                received.incrementAndGet();
                return;
            } catch (RetryLaterException e) {
                LOG.debug("pipeline {} component {}: retrying a record later: {}", pipeline, spec.name(), e.getMessage());
                Thread.sleep(RETRY_MILLIS);
            } catch (Exception | LinkageError e) {
                received.incrementAndGet();
                failed.incrementAndGet();
                LOG.error("pipeline {} component {} failed on a record, which is lost: {}", pipeline, spec.name(),
                        e.toString(), e);
                return;
            }
        }
    }

    private void tick() {
        long now = System.nanoTime();
        if (now - lastTick < ComponentFactory.TICK_MILLIS * 1_000_000L) {
            return;
        }
        lastTick = now;
        Component current = component;
        if (current != null) {
            try {
                current.tick(Instant.now(), emitter);
            } catch (Exception e) {
                LOG.warn("pipeline {} component {} tick failed: {}", pipeline, spec.name(), e.toString());
            }
        }
    }

    ComponentStatus status() {
        return new ComponentStatus(spec.name(), spec.type(), isWaiting() ? "WAITING" : "RUNNING", received.get(),
                emitted.get(), inbox.size() + inHand, inbox.dropped(), failed.get(), latency.quantileNanos(0.5) / 1000.0,
                latency.quantileNanos(0.99) / 1000.0);
    }

    /** Stops the thread and closes the component; the queue is handed on or dropped by the caller. */
    void stop() {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            // The thread finishes the batch it took from the queue, then sees the flag.
            thread.join(5000);
            if (thread.isAlive()) {
                LOG.warn("pipeline {} component {} did not finish its batch in 5 s; interrupting it", pipeline,
                        spec.name());
                thread.interrupt();
                thread.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(component);
        component = null;
    }

    private void closeQuietly(Component current) {
        if (current == null) {
            return;
        }
        try {
            current.close();
        } catch (RuntimeException e) {
            LOG.warn("pipeline {} component {} failed to close: {}", pipeline, spec.name(), e.toString());
        }
    }
}
