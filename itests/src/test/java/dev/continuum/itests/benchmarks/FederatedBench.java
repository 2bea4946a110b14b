package dev.continuum.itests.benchmarks;

import dev.continuum.federated.GlobalModel;
import dev.continuum.federated.RoundPlan;
import dev.continuum.federated.internal.GatewayIdentity;
import dev.continuum.federated.internal.IdleScheduling;
import dev.continuum.federated.internal.Participant;
import dev.continuum.federated.internal.TrainingBuffer;
import dev.continuum.inference.modelgen.GradientTrainer;
import dev.continuum.inference.modelgen.NormalProcess;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Does local training disturb the pipeline? The pipeline benchmark's latency workload (source -> filter
 * -> window -> aggregate -> sink, paced) runs alone and while a federated participant trains round after
 * round on a full buffer (4000 windows, 5 epochs per round) on a minimum-priority thread, as the FED-V1
 * app does: with the default budget (a quarter of one core) and without one (a whole core). The phases
 * alternate, {@code REPEATS} times, to spread the machine's other load over all of them; the medians over
 * the repeats are compared.
 * Run: {@code itests/benchmarks/federated.sh [SECONDS] [RATE] [REPEATS]}; {@code BENCH_JAVA_OPTS} passes
 * {@code -Dbench.sliceMs=N} (the trainer's slice) and {@code -Dbench.spin=true} (a spinning thread with the
 * trainer's pacing and scheduling class in place of the trainer: what CPU use alone does to the pipeline).
 */
public final class FederatedBench {

    /** The trainer's slice ({@code -Dbench.sliceMs}, default 20 ms as the gateway's default). */
    private static final long SLICE_MS = Long.getLong("bench.sliceMs", 20);
    /** {@code -Dbench.spin=true}: the control, a thread that only spins with the trainer's pacing. */
    private static final boolean SPIN = Boolean.getBoolean("bench.spin");
    /** {@code -Dbench.chrt=false}: the training (or spinning) thread stays in the normal scheduling class. */
    private static final boolean CHRT = Boolean.parseBoolean(System.getProperty("bench.chrt", "true"));
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * One training thread for the whole run, as the gateway has (FederatedApp's single training thread, put
     * in SCHED_IDLE once when it starts): it trains round after round while a phase asks for it, each round
     * stopped by the phase's end, and sleeps otherwise. Counts rounds and busy time per phase.
     */
    private static final class Trainer implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong rounds = new AtomicLong();
        private final AtomicLong busyMillis = new AtomicLong();
        /** Bytes the training thread allocated in the phase's completed rounds. */
        private final AtomicLong allocated = new AtomicLong();
        private final Map<Double, Participant> participants = new ConcurrentHashMap<>();
        private final TrainingBuffer buffer = new TrainingBuffer(4000, 800, 5);
        private final GatewayIdentity identity;
        private final GlobalModel global = new GlobalModel("federated-anomaly", "1.0.0", 16, new double[] {0, 40},
                new double[] {0.71, 0.71}, GradientTrainer.randomComponents(12, 32, 1));
        private final Thread thread;
        /** The share of one core a phase trains with, 0 between training phases. */
        private volatile double share;
        private long gcCountAtStart;
        private long gcMillisAtStart;
        /** When the phase ends (epoch ms): rounds stop there. */
        private volatile long phaseEnd;
        private volatile boolean idle = true;

        Trainer(Path dir) throws Exception {
            NormalProcess machine = new NormalProcess(3, NormalProcess.Shift.fiveSites().get(1));
            for (int i = 0; i < 5000; i++) {
                buffer.offer(machine.window(16));
            }
            identity = GatewayIdentity.loadOrCreate(dir);
            thread = new Thread(this::run, "federated-training");
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            if (CHRT) {
                IdleScheduling.applyToCurrentThread();
            }
            int round = 1;
            while (running.get()) {
                double current = share;
                if (current == 0 || System.currentTimeMillis() >= phaseEnd) {
                    idle = true;
                    java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
                    continue;
                }
                idle = false;
                if (SPIN) {
                    spin(current);
                    continue;
                }
                Participant participant = participants.computeIfAbsent(current, s -> new Participant(
                        new Participant.Settings("bench", 100, s, SLICE_MS, "00:00-24:00", 0), buffer, identity,
                        Clock.systemUTC()));
                long before = THREADS.getCurrentThreadAllocatedBytes();
                try {
                    var update = participant.train(global, new RoundPlan(round++, 5, 0.01, 32, 10, 0, 0, phaseEnd))
                            .update();
                    allocated.addAndGet(THREADS.getCurrentThreadAllocatedBytes() - before);
                    rounds.incrementAndGet();
                    busyMillis.addAndGet(update.metrics().get("train.busy.ms").longValue());
                } catch (Exception e) {
                    // the phase ended within the round: nothing to count
                }
            }
        }

        /**
         * The control: no training, only the CPU use of the trainer's pacing (busy SLICE_MS, then a pause) in
         * the same scheduling class, touching no memory.
         */
        private void spin(double cpuShare) {
            long slice = SLICE_MS * 1_000_000;
            long start = System.nanoTime();
            while (System.nanoTime() - start < slice) {
                Thread.onSpinWait();
            }
            busyMillis.addAndGet(SLICE_MS);
            long pause = (long) (slice * (1 / cpuShare - 1));
            if (pause > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(pause);
            }
        }

        /** Trains at {@code cpuShare} until {@code seconds} from now (0: not at all); resets the counters. */
        void phase(double cpuShare, long seconds) {
            rounds.set(0);
            busyMillis.set(0);
            allocated.set(0);
            gcCountAtStart = gcCount();
            gcMillisAtStart = gcMillis();
            phaseEnd = System.currentTimeMillis() + seconds * 1000;
            share = cpuShare;
        }

        /** Ends training and waits until the thread is idle (a round in hand stops at the phase's end). */
        void rest() throws InterruptedException {
            share = 0;
            while (!idle) {
                Thread.sleep(1);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(60_000);
        }
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createTempDirectory("federated-bench");
        System.out.println("cores " + Runtime.getRuntime().availableProcessors() + ", " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.version") + ", load average " + PipelineBench.loadAverage()
                + ", slice " + SLICE_MS + " ms, " + (SPIN ? "spinner in place of the trainer (control)" : "trainer")
                + (CHRT ? ", SCHED_IDLE" : ", normal scheduling class"));
        PipelineBench bench = new PipelineBench();
        bench.latency(rate, 2);
        List<double[]> idle = new ArrayList<>();
        List<double[]> budget = new ArrayList<>();
        List<double[]> core = new ArrayList<>();
        try (Trainer trainer = new Trainer(dir)) {
            for (int r = 0; r < repeats; r++) {
                System.out.println("-- no training");
                idle.add(measured(bench, rate, seconds));
                for (double share : new double[] {0.25, 1.0}) {
                    System.out.println("-- training, cpuShare " + share);
                    // The phase includes the latency run's warm-up, so training has started when it measures.
                    trainer.phase(share, seconds + 1);
                    (share < 1 ? budget : core).add(measured(bench, rate, seconds));
                    trainer.rest();
                    long rounds = trainer.rounds.get();
                    System.out.printf("   trainer: %d rounds, %d ms busy in %d s, %d KB allocated per round;"
                            + " %d collections, %d ms in GC%n", rounds, trainer.busyMillis.get(), seconds,
                            rounds == 0 ? 0 : trainer.allocated.get() / rounds / 1024,
                            gcCount() - trainer.gcCountAtStart, gcMillis() - trainer.gcMillisAtStart);
                }
            }
        }
        String[] names = {"p50 end-to-end", "p99 end-to-end", "max end-to-end", "pipeline CPU per record"};
        String[] units = {"us", "us", "us", "ns"};
        for (int q : new int[] {0, 1, 3}) {
            double base = median(idle, q);
            System.out.printf("%s (median of %d runs of %d s at %d records/s): no training %.1f %s; training"
                    + " at cpuShare 0.25 %.1f %s (%+.0f%%); training at a whole core %.1f %s (%+.0f%%)%n",
                    names[q], repeats, seconds, rate, base, units[q], median(budget, q), units[q],
                    100 * (median(budget, q) / base - 1), median(core, q), units[q], 100 * (median(core, q) / base - 1));
        }
        System.out.println("load average now " + PipelineBench.loadAverage());
    }

    /**
     * The latency workload, plus the CPU time its pipeline threads (the chain from filter to sink) spent per
     * record: unlike the latency, that does not include waiting for a core, so it shows what training does
     * to the pipeline's own work (caches, memory) even on a machine whose other load sets the tail.
     */
    private static double[] measured(PipelineBench bench, int rate, long seconds) throws Exception {
        Map<Long, Long> cpu = new ConcurrentHashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> {
            ThreadGroup root = Thread.currentThread().getThreadGroup();
            while (root.getParent() != null) {
                root = root.getParent();
            }
            Thread[] threads = new Thread[256];
            while (!done.get()) {
                // Enumerating thread groups and reading a thread's CPU clock need no safepoint.
                int count = root.enumerate(threads);
                for (int i = 0; i < count; i++) {
                    if (threads[i].getName().startsWith("pipeline-bench-")) {
                        long nanos = THREADS.getThreadCpuTime(threads[i].getId());
                        if (nanos > 0) {
                            cpu.put(threads[i].getId(), nanos);
                        }
                    }
                }
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
            }
        }, "bench-cpu-sampler");
        sampler.start();
        double[] latency;
        try {
            latency = bench.latency(rate, seconds);
        } finally {
            done.set(true);
            sampler.join();
        }
        double perRecord = cpu.values().stream().mapToLong(Long::longValue).sum() / (double) (rate * seconds);
        System.out.printf("   pipeline threads: %.0f ns CPU per record%n", perRecord);
        return new double[] {latency[0], latency[1], latency[2], perRecord};
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    private static double median(List<double[]> runs, int index) {
        double[] values = runs.stream().mapToDouble(r -> r[index]).sorted().toArray();
        return values[values.length / 2];
    }

}
