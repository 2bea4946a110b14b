package dev.continuum.federated.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the calling thread in Linux's {@code SCHED_IDLE} scheduling class, so that local training runs only
 * on CPU time that inference and pipelines leave idle, and any of their threads that wakes up takes the core
 * at once. Java's thread priorities do nothing on Linux (the JVM ignores them unless run as root with a
 * special flag), but Linux schedules each thread as a task of its own, and any process may move its own
 * tasks to {@code SCHED_IDLE}: the thread finds its task id in {@code /proc/thread-self} and runs
 * {@code chrt}. Elsewhere (no /proc, no chrt) it logs why and changes nothing. The training's CPU share
 * budget still applies on top: it is a ceiling, and on a gateway busy with pipelines training gets less.
 */
public final class IdleScheduling {

    /** {@code SCHED_IDLE} in {@code sched.h}. */
    static final int SCHED_IDLE = 5;
    private static final Logger LOG = LoggerFactory.getLogger(IdleScheduling.class);

    private IdleScheduling() {
    }

    /** @return whether the calling thread now runs in {@code SCHED_IDLE} */
    public static boolean applyToCurrentThread() {
        try {
            // "/proc/PID/task/TID": the thread's own task.
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            Process chrt = new ProcessBuilder("chrt", "--idle", "-p", "0", tid).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String output;
            try (var in = chrt.getInputStream()) {
                output = new String(in.readAllBytes()).trim();
            }
            if (!chrt.waitFor(5, TimeUnit.SECONDS) || chrt.exitValue() != 0) {
                LOG.info("training keeps the normal scheduling class: chrt failed: {}", output);
                return false;
            }
            LOG.debug("training thread (task {}) now runs in SCHED_IDLE", tid);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.info("training keeps the normal scheduling class (no per-thread scheduling here: {})", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The calling thread's scheduling policy from {@code /proc/thread-self/stat}, or empty where there is none. */
    public static OptionalInt currentPolicy() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            // After the parenthesised name, field 3 (state) comes first; policy is field 41.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalInt.of(Integer.parseInt(fields[41 - 3]));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }
}
