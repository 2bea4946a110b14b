package dev.continuum.opcua.internal;

import dev.continuum.api.driver.DriverState;
import java.util.Map;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;

/**
 * The health of one OPC UA driver instance: UP when connected with every channel served, DEGRADED
 * (warn) while connecting or with channels in error, DOWN (critical) when the configuration cannot work.
 */
final class DriverHealthCheck implements HealthCheck {

    private final OpcUaDriver driver;

    DriverHealthCheck(OpcUaDriver driver) {
        this.driver = driver;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        DriverState state = driver.state();
        Map<String, String> errors = driver.channelErrors();
        switch (state) {
            case CONNECTED -> {
                if (errors.isEmpty()) {
                    log.info("connected; {} channels subscribed", driver.subscribedChannels());
                } else {
                    log.warn("connected; {} channels in error: {}", errors.size(), errors);
                }
            }
            case FAILED -> log.critical("failed: {}", driver.stateReason());
            default -> log.warn("{}: {}", state, driver.stateReason());
        }
        return new Result(log);
    }
}
