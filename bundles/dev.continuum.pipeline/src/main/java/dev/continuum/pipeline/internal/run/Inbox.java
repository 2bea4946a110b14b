package dev.continuum.pipeline.internal.run;

import dev.continuum.api.pipeline.Record;
import dev.continuum.pipeline.internal.graph.Overflow;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A component's bounded input queue with its overflow policy; every drop is counted. */
final class Inbox {

    private final ArrayBlockingQueue<Record> queue;
    private final Overflow overflow;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;
    /** Set after every offer; lets the thread of a chain see cheaply that a chained stage's queue got records. */
    private volatile boolean pending;

    Inbox(int capacity, Overflow overflow) {
        this(new ArrayBlockingQueue<>(capacity), overflow);
    }

    /** With the queue given (a test's, to stop a thread between the check for a close and the enqueue). */
    Inbox(ArrayBlockingQueue<Record> queue, Overflow overflow) {
        this.queue = queue;
        this.overflow = overflow;
    }

    /**
     * Adds a record, blocking or dropping the oldest as the policy says. False when the queue is closed (its
     * component was removed; its losses were reported then): the record is not queued and the caller counts it.
     */
    boolean offer(Record record) {
        return !closed && enqueue(record) && kept(record);
    }

    /**
     * As {@link #offer}, without waiting for room: false also when the block policy's queue is full (nothing
     * queued then). The drop-oldest policy always makes room.
     */
    boolean offerNow(Record record) {
        return !closed && (overflow == Overflow.DROP_OLDEST ? enqueue(record) : queue.offer(record)) && kept(record);
    }

    /** After the enqueue: false when the queue was closed meanwhile and the record is taken back. */
    private boolean kept(Record record) {
        if (closed && queue.remove(record)) {
            // closed between the check and the enqueue, maybe after the close took its count: taken back, so
            // that it is counted once, by the caller (one the close took is counted by the close)
            return false;
        }
        pending = true;
        return true;
    }

    private boolean enqueue(Record record) {
        if (overflow == Overflow.DROP_OLDEST) {
            while (!queue.offer(record)) {
                if (queue.poll() != null) {
                    dropped.incrementAndGet();
                }
            }
            return true;
        }
        try {
            while (!queue.offer(record, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Waits up to {@code millis} for records, then takes up to {@code max} of them. */
    int drain(List<Record> into, int max, long millis) throws InterruptedException {
        Record first = queue.poll(millis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return 0;
        }
        into.add(first);
        return 1 + queue.drainTo(into, max - 1);
    }

    /** Whether records were offered since the last call (possibly already taken). */
    boolean takePending() {
        if (!pending) {
            return false;
        }
        pending = false;
        return true;
    }

    /** Takes what is queued now, without waiting. */
    void drainNow(List<Record> into) {
        queue.drainTo(into);
    }

    int size() {
        return queue.size();
    }

    long dropped() {
        return dropped.get();
    }

    /**
     * Takes the records left in a closed queue (its component removed) and returns how many, so that each
     * is counted once: here, or by the caller of an {@link #offer} that raced with the close. 0 while open.
     */
    long takeLostOnClose() {
        if (!closed) {
            return 0;
        }
        long lost = 0;
        while (queue.poll() != null) {
            lost++;
        }
        return lost;
    }

    boolean sameShape(int capacity, Overflow other) {
        return queue.remainingCapacity() + queue.size() == capacity && overflow == other;
    }

    void close() {
        closed = true;
    }
}
