package dev.continuum.outbox.internal;

import dev.continuum.api.cloud.DurabilityPolicy;
import dev.continuum.outbox.Outbox;
import dev.continuum.outbox.OutboxSettings;
import dev.continuum.outbox.Outboxes;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Child process of {@link OutboxCrashTest}: appends from several threads forever and prints
 * {@code accepted SEQUENCE} for each confirmed append, until it is killed.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        DurabilityPolicy policy = DurabilityPolicy.valueOf(args[1]);
        Outbox outbox = Outboxes.open(OutboxSettings.of("crash", file, "gw-crash", policy));
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        System.out.println("ready");
        System.out.flush();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            new Thread(() -> {
                for (long i = 0; ; i++) {
                    outbox.append("crash/" + thread, new byte[200], 1, false, thread % 2 == 0 ? 3 : 5)
                            .thenAccept(id -> {
                                synchronized (out) {
                                    out.println("accepted " + id.sequence());
                                    out.flush();
                                }
                            });
                    if (i % 64 == 0) {
                        Thread.yield();
                    }
                }
            }).start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
