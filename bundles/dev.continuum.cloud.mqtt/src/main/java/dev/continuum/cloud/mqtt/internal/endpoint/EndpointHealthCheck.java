package dev.continuum.cloud.mqtt.internal.endpoint;

import dev.continuum.api.cloud.CloudEndpoint;
import dev.continuum.api.cloud.ConnectionState;
import dev.continuum.api.cloud.EndpointStatus;
import dev.continuum.api.cloud.OutboxStatus;
import java.util.function.Supplier;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;

/**
 * OK while connected with room in the outbox; WARN (degraded) while reconnecting, above 90% fill, or after a
 * quarantine or data loss; CRITICAL when closed. The log names the state, broker, last error, RTT and fill.
 */
final class EndpointHealthCheck implements HealthCheck {

    static final double FILL_WARNING_PERCENT = 90;

    private final CloudEndpoint endpoint;
    private final Supplier<String> writeRefusal;

    /** @param writeRefusal why the outbox refuses new messages (disk full), or null */
    EndpointHealthCheck(CloudEndpoint endpoint, Supplier<String> writeRefusal) {
        this.endpoint = endpoint;
        this.writeRefusal = writeRefusal;
    }

    @Override
    public Result execute() {
        EndpointStatus status = endpoint.status();
        OutboxStatus outbox = status.outbox();
        FormattingResultLog log = new FormattingResultLog();
        String summary = String.format("%s %s, rtt %d ms, outbox %d messages (%.1f%% of %d bytes, %d in flight)",
                status.state(), status.broker(), status.rttMillis(), outbox.messages(), outbox.fillPercent(),
                outbox.capacityBytes(), outbox.inFlight());
        if (status.state() == ConnectionState.CONNECTED) {
            log.info(summary);
        } else if (status.state() == ConnectionState.CLOSED) {
            log.critical(summary);
        } else {
            log.warn(summary + "; last error: " + status.lastError());
        }
        if (outbox.fillPercent() > FILL_WARNING_PERCENT) {
            log.warn("outbox above {}% full (policy {})", FILL_WARNING_PERCENT, outbox.policy());
        }
        if (outbox.dropped() + outbox.expired() > 0) {
            log.warn("messages lost since start: {} dropped (outbox full), {} expired", outbox.dropped(),
                    outbox.expired());
        }
        String refusal = writeRefusal.get();
        if (refusal != null) {
            log.critical("publishers are refused: {}", refusal);
        }
        if (outbox.quarantined() != null) {
            log.warn("corrupt outbox store quarantined at start as {}", outbox.quarantined());
        }
        return new Result(log);
    }
}
