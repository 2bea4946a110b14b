package dev.continuum.opcua.internal;

import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.HashedWheelTimer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfigBuilder;

/**
 * The threads one driver instance gives Milo instead of Milo's process-wide shared pools, so that
 * deactivating the instance (or updating the bundle) stops every thread it caused, and other users of
 * Milo in the same framework (another instance, the simulation server) are unaffected.
 */
final class MiloThreads implements AutoCloseable {

    private final NioEventLoopGroup eventLoop;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final HashedWheelTimer wheelTimer;

    MiloThreads(String name) {
        eventLoop = new NioEventLoopGroup(1, factory("opcua-" + name + "-io"));
        executor = Executors.newFixedThreadPool(2, factory("opcua-" + name + "-worker"));
        scheduler = Executors.newSingleThreadScheduledExecutor(factory("opcua-" + name + "-timer"));
        wheelTimer = new HashedWheelTimer(factory("opcua-" + name + "-wheel"));
    }

    /** Points a client transport at these threads. */
    void apply(OpcTcpClientTransportConfigBuilder transport) {
        transport.setEventLoop(eventLoop).setExecutor(executor).setScheduledExecutor(scheduler).setWheelTimer(wheelTimer);
    }

    @Override
    public void close() {
        wheelTimer.stop();
        scheduler.shutdownNow();
        executor.shutdownNow();
        eventLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    private static ThreadFactory factory(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
