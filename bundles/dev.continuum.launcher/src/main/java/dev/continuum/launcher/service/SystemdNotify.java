package dev.continuum.launcher.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd about the gateway's state ({@code Type=notify} units), see sd_notify(3).
 *
 * <p>Java 17 cannot send to the {@code AF_UNIX} datagram socket named by {@code NOTIFY_SOCKET}, so each
 * message is sent by running {@code systemd-notify}. That needs {@code NotifyAccess=all} in the unit;
 * systemd-notify (systemd 246 and later) waits until the manager has processed the message, so the
 * message is attributed to the unit although the sender exits right after. Without
 * {@code NOTIFY_SOCKET} (not started by systemd) every method does nothing.
 */
public final class SystemdNotify {

    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotify.class);
    private static final long SEND_TIMEOUT_SECONDS = 10;

    private final boolean enabled;
    private final String command;
    private final long watchdogMicros;

    SystemdNotify(String notifySocket, String watchdogUsec, String command) {
        this.enabled = notifySocket != null && !notifySocket.isBlank();
        this.command = command;
        long micros = 0;
        if (enabled && watchdogUsec != null && !watchdogUsec.isBlank()) {
            try {
                micros = Long.parseLong(watchdogUsec.trim());
            } catch (NumberFormatException e) {
                LOG.warn("ignoring WATCHDOG_USEC='{}': not a number of microseconds", watchdogUsec);
            }
        }
        this.watchdogMicros = micros;
    }

    /** From the environment systemd sets for the service. */
    public static SystemdNotify fromEnvironment() {
        return new SystemdNotify(System.getenv("NOTIFY_SOCKET"), System.getenv("WATCHDOG_USEC"), "systemd-notify");
    }

    public boolean enabled() {
        return enabled;
    }

    /** The watchdog interval systemd expects WATCHDOG=1 within, 0 when the unit has no watchdog. */
    public long watchdogMicros() {
        return watchdogMicros;
    }

    public void ready(String status) {
        send("READY=1", "STATUS=" + status);
    }

    public void status(String status) {
        send("STATUS=" + status);
    }

    public void watchdog() {
        send("WATCHDOG=1");
    }

    public void stopping() {
        send("STOPPING=1", "STATUS=stopping");
    }

    /** Sends the assignments as one message; failures are logged, never thrown (the gateway runs on). */
    void send(String... assignments) {
        if (!enabled) {
            return;
        }
        List<String> line = new ArrayList<>();
        line.add(command);
        line.addAll(List.of(assignments));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.warn("{} {} did not finish within {} s", command, line.subList(1, line.size()), SEND_TIMEOUT_SECONDS);
            } else if (process.exitValue() != 0) {
                LOG.warn("{} {} failed with exit code {}", command, line.subList(1, line.size()), process.exitValue());
            }
        } catch (IOException e) {
            LOG.warn("cannot run {}: {}", command, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
