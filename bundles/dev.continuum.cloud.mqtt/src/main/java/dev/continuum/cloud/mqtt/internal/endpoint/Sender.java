package dev.continuum.cloud.mqtt.internal.endpoint;

import dev.continuum.api.cloud.ConnectionState;
import dev.continuum.cloud.mqtt.internal.format.WireFormat;
import dev.continuum.cloud.mqtt.internal.transport.MqttTransport;
import dev.continuum.outbox.Outbox;
import dev.continuum.outbox.OutboxRecord;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox into the open session: up to the in-flight window of records at a time, in outbox
 * order; a record is acknowledged to the outbox only when the broker acknowledged it. When a new session
 * opens, everything unacknowledged is handed out again (from the oldest), so a lost connection loses
 * nothing and keeps the order; QoS 1 duplicates carry the same dedup id.
 */
final class Sender implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
    private static final int MAX_BATCH = 512;
    private static final long PROBE_GIVE_UP_MILLIS = 10_000;
    /** How long coalesced packets may wait for announced publishes the client keeps back (see releaseHeld). */
    private static final long HOLD_LIMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final String name;
    private final Outbox outbox;
    private final ConnectionFsm fsm;
    private final WireFormat format;
    private final Thread thread;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private volatile long rttMillis = -1;
    private volatile long rttAtNanos = System.nanoTime();
    /** When the probe in flight was sent; 0 when none is. */
    private final AtomicLong probeSentAt = new AtomicLong();
    private volatile boolean running = true;
    private long generation;

    Sender(String name, Outbox outbox, ConnectionFsm fsm, WireFormat format) {
        this.name = name;
        this.format = format;
        this.outbox = outbox;
        this.fsm = fsm;
        this.thread = new Thread(this, "mqtt-sender-" + name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        running = false;
        outbox.wakeUp();
        // No interrupt: the sender may be reading the store, and an interrupt closes its FileChannel.
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                // while packets wait in the coalescing buffer, come back within a millisecond to write them out
                // should the client keep back the publishes they wait for (MQTT 5 at the broker's Receive
                // Maximum); also between sessions, when births and a late batch share the new connection
                MqttTransport transport = fsm.transport();
                boolean held = transport != null && transport.releaseHeld(HOLD_LIMIT_NANOS);
                Session session = fsm.awaitSession(held ? 1 : 200);
                if (session != null) {
                    sendSome(session, held ? 1 : 100);
                }
            } catch (InterruptedException e) {
                if (running) {
                    LOG.debug("MQTT endpoint {}: sender interrupted while running", name);
                }
            } catch (RuntimeException e) {
                LOG.error("MQTT endpoint {}: sender failed; retrying", name, e);
            }
        }
    }

    private void sendSome(Session session, long waitMillis) throws InterruptedException {
        if (session.generation() != generation) {
            generation = session.generation();
            outbox.rewind();
        }
        int permits = session.window().acquire(MAX_BATCH, waitMillis, TimeUnit.MILLISECONDS);
        if (permits == 0) {
            return;
        }
        List<OutboxRecord> records = outbox.next(permits, waitMillis);
        if (records.size() < permits) {
            session.window().release(permits - records.size());
        }
        MqttTransport transport = fsm.transport();
        // the format's monitor: publishes numbered by the format (Sparkplug's seq) reach the client in that order
        synchronized (format) {
            publish(session, transport, records);
        }
    }

    private void publish(Session session, MqttTransport transport, List<OutboxRecord> records) {
        for (OutboxRecord record : records) {
            List<WireFormat.Publish> wire = format.wire(record, record.acceptedAtMillis() < session.connectedAtMillis());
            for (int i = 0; i < wire.size() - 1; i++) {
                WireFormat.Publish before = wire.get(i);
                transport.publish(before.topic(), before.payload(), before.qos(), before.retain());
            }
            WireFormat.Publish data = wire.get(wire.size() - 1);
            long sentAt = System.nanoTime();
            published.incrementAndGet();
            transport.publish(data.topic(), data.payload(), data.qos(), data.retain(), error -> {
                session.window().release(1);
                if (error == null) {
                    outbox.acknowledge(record);
                    acknowledged.incrementAndGet();
                    roundTrip(sentAt);
                }
            });
        }
    }

    private void roundTrip(long sentAtNanos) {
        long now = System.nanoTime();
        rttMillis = TimeUnit.NANOSECONDS.toMillis(now - sentAtNanos);
        rttAtNanos = now;
    }

    /**
     * Measures the round trip with an empty QoS 1 publish to {@code topic} if the last measurement is older
     * than {@code staleMillis}, the session is open and no probe is out (one unanswered for
     * {@value #PROBE_GIVE_UP_MILLIS} ms, e.g. lost with its connection, no longer counts). A probe that is
     * refused or lost measures nothing; the next call tries again.
     */
    void probe(String topic, long staleMillis) {
        long now = System.nanoTime();
        long outstanding = probeSentAt.get();
        if (now - rttAtNanos < TimeUnit.MILLISECONDS.toNanos(staleMillis) || fsm.state() != ConnectionState.CONNECTED
                || outstanding != 0 && now - outstanding < TimeUnit.MILLISECONDS.toNanos(PROBE_GIVE_UP_MILLIS)
                || !probeSentAt.compareAndSet(outstanding, now)) {
            return;
        }
        MqttTransport transport = fsm.transport();
        try {
            transport.publish(topic, new byte[0], 1, false).whenComplete((ok, error) -> {
                probeSentAt.compareAndSet(now, 0);
                if (error == null) {
                    roundTrip(now);
                } else {
                    LOG.debug("MQTT endpoint {}: round-trip probe failed: {}", name, error.toString());
                }
            });
        } catch (RuntimeException e) {
            probeSentAt.compareAndSet(now, 0);
            LOG.debug("MQTT endpoint {}: round-trip probe not sent: {}", name, e.toString());
        }
    }

    long published() {
        return published.get();
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long rttMillis() {
        return rttMillis;
    }
}
