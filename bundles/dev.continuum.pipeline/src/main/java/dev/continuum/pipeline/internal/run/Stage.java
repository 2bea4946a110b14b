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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One component at run time: its input queue, its counters, and where its records go. It runs on the
 * thread of the {@link Chain} it belongs to: as the chain's head it takes records from its queue; further
 * down a chain it is called directly by the component before it. The component may be absent (its factory
 * is gone): the queue keeps buffering until it is back.
 */
final class Stage {

    private static final Logger LOG = LoggerFactory.getLogger(Stage.class);
    private static final int BATCH = 256;
    private static final long RETRY_MILLIS = 100;
    /** How long a source's thread waits for a graph change in progress before it queues a record anyway. */
    private static final long REWIRE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    final ComponentSpec spec;
    final Inbox inbox;
    private final String pipeline;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final LatencyRecorder latency = new LatencyRecorder();
    private final Object lock = new Object();
    /** Held while a chain calls this stage's component (see {@link Chain}): one thread inside it at a time. */
    final ReentrantLock callLock = new ReentrantLock();
    private volatile Wiring wiring = Wiring.NONE;
    private volatile Component component;
    private volatile Chain chain;
    /** The planner's view: this stage's factory is gone, so it must keep its own queue and thread. */
    volatile boolean awaitingFactory;
    /** Records taken from the queue and not handled yet; only the chain's thread touches them. */
    private final List<Record> batch = new ArrayList<>(BATCH);
    private int next;
    /** What is left of {@link #batch}, for the status (still "queued" to users). */
    private volatile int inHand;
    /** Time spent in chained components called from this one's emitter (not its own processing time). */
    private long downstreamNanos;
    /** How long the last {@link #handle} call spent in the component, chained components included. */
    private long lastNanos;
    private final Emitter emitter = this::emit;
    /** What the component emitted before its stage was wired (while the graph was still being built). */
    private final List<Record> early = new ArrayList<>();
    /** How many records {@link #early} holds, for the counts read by other threads. */
    private volatile int held;
    private volatile boolean wired;
    /** {@link #release} left the held records to the chain's thread. */
    private volatile boolean releaseByChain;
    private volatile boolean warnedOffThread;
    private volatile boolean reportedLoss;

    /** Where a stage's records go: the chained component it calls, or the queues of its receivers. */
    record Wiring(Stage chained, Inbox[] queued) {
        static final Wiring NONE = new Wiring(null, new Inbox[0]);
    }

    Stage(String pipeline, ComponentSpec spec, Inbox inbox) {
        this.pipeline = pipeline;
        this.spec = spec;
        this.inbox = inbox;
    }

    Emitter emitter() {
        return emitter;
    }

    String name() {
        return spec.name();
    }

    void begin(Component created) {
        component = created;
    }

    void wire(Wiring where) {
        wiring = where;
    }

    boolean calls(Stage other) {
        return wiring.chained() == other;
    }

    void attach(Chain running) {
        chain = running;
    }

    /** The records a replaced stage took from the queue it hands over and did not handle yet. */
    void adoptBatch(Stage replaced) {
        batch.addAll(replaced.batch.subList(replaced.next, replaced.batch.size()));
        inHand = batch.size();
    }

    /** Records queued, taken from the queue and not handled yet, or emitted before the graph was wired and held. */
    int pending() {
        return inbox.size() + inHand + held;
    }

    /**
     * Records emitted before the graph was wired and not passed on yet: {@link #release} left them to the
     * source's threads or the ticker (no room downstream then).
     */
    int held() {
        return held;
    }

    /**
     * Records taken from the queue and never handled, and the held ones, which are taken here (a source's
     * thread or the ticker that comes later passes none of them on): for a stage that is removed and closed.
     */
    int unhandled() {
        int lost = batch.size() - next;
        synchronized (early) {
            lost += early.size();
            wiredWithNothingHeld();
        }
        return lost;
    }

    /**
     * A component may emit as soon as it is created (a source starting its thread, or emitting inside
     * {@code create}), before the runner has wired and started the graph: those records are held and
     * passed on here, first and in order, once every stage of the graph runs (so that a blocking receiver
     * is draining its queue).
     */
    void release() {
        synchronized (early) {
            if (wired) {
                return;
            }
            Chain running = chain;
            Thread thread = running == null ? null : running.thread();
            if (wiring.chained() != null && thread != null && thread.isAlive() && Thread.currentThread() != thread) {
                // The next stage is called by this chain's thread, which may be the one emitting into the held
                // records right now: passed on from here they would wait for its queue, which that thread
                // cannot drain while it waits for this lock. The chain's thread passes them on itself.
                releaseByChain = true;
                return;
            }
            if (running != null && running.sourced() && !queueWhatFits()) {
                // This is the applying thread, which holds the runner: it calls no component and does not wait
                // for room in a queue either (back-pressure has no bound, and a source that emits on its tick
                // waits for this lock meanwhile). The source's threads or the ticker pass the rest of the held
                // records on, first, before what the source emits next; until then they count as pending (the
                // stop's drain waits for them) and, if the source is removed first, as lost.
                releaseByChain = true;
                return;
            }
            early.forEach(record -> forward(record, false));
            wiredWithNothingHeld();
        }
    }

    /**
     * On the applying thread, for a source: queues the held records, in order, as long as the one queue they
     * go to (the chained stage's, whose next call hands it on first, or the one receiver's) takes them without
     * waiting. True when the rest can be forwarded without waiting: none left, or nowhere to go. With several
     * receivers a record must reach all or none, so none is queued here.
     */
    private boolean queueWhatFits() {
        Wiring where = wiring;
        Stage chained = where.chained();
        int places = (chained != null ? 1 : 0) + where.queued().length;
        if (places == 0) {
            return true;
        }
        if (places > 1) {
            return early.isEmpty();
        }
        Inbox only = chained != null ? chained.inbox : where.queued()[0];
        int fit = 0;
        while (fit < early.size() && only.offerNow(early.get(fit))) {
            fit++;
        }
        emitted.addAndGet(fit);
        early.subList(0, fit).clear();
        held = early.size();
        return early.isEmpty();
    }

    /**
     * On the chain's thread, or for a source on its threads or the ticker's: passes on the held records when
     * {@link #release} left them to it.
     */
    void releaseIfAsked() {
        if (!releaseByChain) {
            return;
        }
        synchronized (early) {
            if (!releaseByChain) {
                return; // another source's thread passed them on
            }
            early.forEach(record -> forward(record, false));
            wiredWithNothingHeld();
        }
    }

    /** Under {@link #early}'s lock: nothing is held any more and what the component emits goes straight on. */
    private void wiredWithNothingHeld() {
        early.clear();
        held = 0;
        wired = true;
        releaseByChain = false;
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
            awaitingFactory = false;
            lock.notifyAll();
        }
    }

    boolean isWaiting() {
        return component == null;
    }

    private void emit(Record record) {
        if (!wired && releaseByChain) {
            Chain running = chain;
            if (running != null && (running.sourced() || Thread.currentThread() == running.thread())) {
                releaseIfAsked();
            }
        }
        if (!wired) {
            synchronized (early) {
                if (!wired) {
                    early.add(record);
                    held = early.size();
                    return;
                }
            }
        }
        forward(record, true);
    }

    private void forward(Record record, boolean warn) {
        emitted.incrementAndGet();
        route(record, warn);
    }

    private void route(Record record, boolean warn) {
        Wiring where = wiring;
        Stage chained = where.chained();
        if (chained != null) {
            Chain current = chain;
            if (current != null && Thread.currentThread() == current.thread()) {
                handOn(chained, record);
            } else if (current != null && current.sourced()) {
                // A source's thread: it calls the chain (one thread at a time); when that chain stopped or no
                // longer calls the stage (a graph change), it waits for the change and forwards again.
                if (!current.call(this, chained, record)) {
                    rerouteAfterChange(record, warn, where, current);
                    return;
                }
            } else {
                // Emitted from another thread (ComponentContext.output()): the chain's thread takes it from
                // the queue, so the chained component still sees one call at a time.
                if (warn) {
                    warnOffThread(chained);
                }
                queue(chained, record);
            }
        }
        for (Inbox receiver : where.queued()) {
            queue(receiver, record);
        }
    }

    /**
     * A source's thread found its chain stopped or rewired: it waits (bounded) until this stage is rewired or
     * on a new chain (then it forwards with the new wiring), or the stage it called runs on another chain or
     * is removed, or this stage is closed (then the record goes to that stage's queue, or is counted as lost if
     * the queue is closed).
     */
    private void rerouteAfterChange(Record record, boolean warn, Wiring where, Chain current) {
        Stage chained = where.chained();
        long deadline = System.nanoTime() + REWIRE_WAIT_NANOS;
        while (true) {
            if (wiring != where || chain != current) {
                route(record, warn);
                return;
            }
            // final: mid moved to another chain or was removed, or this stage is closed (its pipeline closes,
            // or it was removed or suspended), so no change is coming that rewires it
            if (chained.chain != current || chained.inbox.isClosed() || component == null
                    || System.nanoTime() - deadline > 0) {
                queue(chained, record);
                for (Inbox receiver : where.queued()) {
                    queue(receiver, record);
                }
                return;
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * Queues a record for a receiver; one removed meanwhile (closed queue) loses it, counted as failed here: the
     * removed stage's losses were reported when it was removed, and nobody reads its counters since.
     */
    private void queue(Stage receiver, Record record) {
        queue(receiver.inbox, record);
    }

    private void queue(Inbox receiver, Record record) {
        if (!receiver.offer(record)) {
            failed.incrementAndGet();
            if (!reportedLoss) {
                reportedLoss = true;
                LOG.error("pipeline {} component {}: a receiver was removed (or the thread interrupted) while a record went to it; it is lost"
                        + " (further such records are counted as failed)", pipeline, spec.name());
            }
        }
    }

    private void warnOffThread(Stage chained) {
        if (!warnedOffThread) {
            warnedOffThread = true;
            LOG.warn("pipeline {} component {} emits from a thread of its own into chained component {}: those records"
                    + " wait for the chain's thread (up to {} ms); its factory should declare ownThread()", pipeline,
                    spec.name(), chained.spec.name(), ComponentFactory.TICK_MILLIS);
        }
    }

    /** Calls the chained {@code next} with a record this stage emits, on its chain's thread (or under its lock). */
    void handOn(Stage next, Record record) {
        downstreamNanos += next.handleChained(record);
    }

    /** Called by the chained component before this one, on the chain's thread; returns the time taken. */
    private long handleChained(Record record) {
        if (handle(record)) {
            return lastNanos;
        }
        received.incrementAndGet();
        failed.incrementAndGet();
        LOG.error("pipeline {} component {} stopped while a record waited for it; it is lost", pipeline, spec.name());
        return 0;
    }

    /**
     * On the chain's thread, at its head: takes a batch from the queue when the last one is done, and
     * handles it until done or the chain stops (the rest stays for the next chain this stage runs on).
     */
    void runBatch() throws InterruptedException {
        if (!awaitComponent()) {
            return;
        }
        if (next == batch.size()) {
            batch.clear();
            next = 0;
            inbox.drain(batch, BATCH, ComponentFactory.TICK_MILLIS);
            inHand = batch.size();
        }
        handleBatch();
    }

    /**
     * On the chain's thread, further down the chain: what this stage was given while it headed a chain
     * of its own, or what was emitted to it from another thread, before what its chained upstream sends:
     * what is left of a batch taken before, then what its queue holds now. One queue's worth per call: a
     * queue that another thread refills without pause must not keep the chain from its head.
     */
    void runLeftovers() {
        if (isWaiting()) {
            return;
        }
        handleBatch();
        // a stopped chain (a stop that gave up on a stuck source's thread) takes nothing more from the queue:
        // the stage's next chain, maybe with a replacement sharing the queue, hands it on
        if (next < batch.size() || !chain.isRunning() || !inbox.takePending()) {
            return;
        }
        batch.clear();
        next = 0;
        inbox.drainNow(batch);
        inHand = batch.size();
        handleBatch();
    }

    private void handleBatch() {
        while (next < batch.size() && chain.isRunning()) {
            if (!handle(batch.get(next))) {
                return;
            }
            next++;
            inHand = batch.size() - next;
        }
    }

    private boolean awaitComponent() throws InterruptedException {
        synchronized (lock) {
            while (component == null && chain.isRunning()) {
                lock.wait(RETRY_MILLIS);
            }
        }
        return chain.isRunning();
    }

    /** Wakes the chain's thread if it waits for the component or a retry, so that it sees a stop. */
    void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Handles one record; false when the chain stops before the component could take it. */
    private boolean handle(Record record) {
        try {
            while (true) {
                Component current = component;
                if (current == null) {
                    if (!awaitComponent()) {
                        return false;
                    }
                    continue;
                }
                long begin = System.nanoTime();
                long before = downstreamNanos;
                try {
                    current.accept(record, emitter);
                    lastNanos = System.nanoTime() - begin;
                    latency.record(lastNanos - (downstreamNanos - before));
                    received.incrementAndGet();
                    return true;
                } catch (RetryLaterException e) {
                    LOG.debug("pipeline {} component {}: retrying a record later: {}", pipeline, spec.name(),
                            e.getMessage());
                } catch (Exception | LinkageError e) {
                    lastNanos = System.nanoTime() - begin;
                    received.incrementAndGet();
                    failed.incrementAndGet();
                    LOG.error("pipeline {} component {} failed on a record, which is lost: {}", pipeline, spec.name(),
                            e.toString(), e);
                    return true;
                }
                synchronized (lock) {
                    lock.wait(RETRY_MILLIS);
                }
                if (!chain.isRunning()) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void tick() {
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

    /** Closes the component; its chain has stopped, the queue is handed on or dropped by the caller. */
    void close() {
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
