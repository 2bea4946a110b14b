package dev.continuum.inference.internal.window;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that hand results to the stages' consumers: a few threads ({@code base}) take delivery tasks
 * from one queue, so that a busy gateway queues tasks instead of handing each to a waiting thread (a wake-up
 * per task) or starting threads. A consumer may block (a full downstream queue): when every thread has been
 * held by one task for {@value #STALL_MILLIS} ms while tasks wait, another thread starts, so a blocked consumer
 * holds only its own stage. Threads beyond {@code base} leave after {@value #IDLE_SECONDS} s without work.
 */
final class DeliveryPool implements Executor, AutoCloseable {

    static final long STALL_MILLIS = 20;
    static final long IDLE_SECONDS = 30;
    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS);
    /** How often a thread with nothing to do looks whether the pool was closed. */
    private static final long BASE_POLL_MILLIS = 1000;

    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    /** Runs the stall check (the scoring pool's scheduler). */
    private final ScheduledExecutorService watch;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicInteger names = new AtomicInteger();
    private volatile boolean closed;

    DeliveryPool(int base, ScheduledExecutorService watch) {
        this.watch = watch;
        for (int i = 0; i < base; i++) {
            start(true);
        }
    }

    @Override
    public void execute(Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("the delivery pool is closed");
        }
        tasks.add(task);
        arm();
    }

    private void arm() {
        if (armed.compareAndSet(false, true)) {
            try {
                watch.schedule(this::check, STALL_NANOS, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                armed.set(false); // shutting down
            }
        }
    }

    /** While tasks wait: one more thread when every thread is held by a task started a stall ago. */
    private void check() {
        armed.set(false);
        if (tasks.isEmpty() || closed) {
            return;
        }
        long now = System.nanoTime();
        if (workers.stream().allMatch(worker -> worker.heldSince(now, STALL_NANOS))) {
            start(false);
        }
        arm();
    }

    private void start(boolean base) {
        Worker worker = new Worker(base);
        workers.add(worker);
        worker.thread.start();
    }

    /** Threads now (for tests and status). */
    int threads() {
        return workers.size();
    }

    /** Delivers what is queued (waiting at most 10 s), then stops the threads. */
    @Override
    public void close() {
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Worker worker : workers) {
            try {
                worker.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workers.forEach(worker -> worker.thread.interrupt());
    }

    private final class Worker implements Runnable {

        private final boolean base;
        /** When the task in hand started; 0 while idle. */
        private volatile long busySince;
        private final Thread thread;

        Worker(boolean base) {
            this.base = base;
            this.thread = new Thread(this, "continuum-inference-results-" + names.incrementAndGet());
            thread.setDaemon(true);
        }

        boolean heldSince(long now, long stall) {
            long since = busySince;
            return since != 0 && now - since >= stall;
        }

        @Override
        public void run() {
            try {
                long idleSince = System.nanoTime();
                while (true) {
                    // every thread looks at least once a second whether the pool was closed (close() waits
                    // for that); an extra thread leaves after IDLE_SECONDS without a task
                    Runnable task = tasks.poll(BASE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (task == null) {
                        boolean idleTooLong = System.nanoTime() - idleSince >= TimeUnit.SECONDS.toNanos(IDLE_SECONDS);
                        if (closed || !base && idleTooLong) {
                            return;
                        }
                        continue;
                    }
                    busySince = Math.max(1, System.nanoTime());
                    try {
                        task.run();
                    } finally {
                        busySince = 0;
                        idleSince = System.nanoTime();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                workers.remove(this);
            }
        }
    }
}
