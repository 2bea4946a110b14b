package dev.continuum.gpio.internal;

import dev.continuum.api.driver.Driver;
import dev.continuum.api.driver.DriverState;
import dev.continuum.api.health.GatewayHealth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The GPIO driver instances in the gateway's health: CRITICAL for an instance that cannot open its board
 * (with the reason), WARN for one disconnected on request and for each rejected channel (with the error naming the pin), else the claimed pins.
 */
@Component(service = HealthCheck.class, property = {
    HealthCheck.NAME + "=GPIO",
    HealthCheck.TAGS + "=" + GatewayHealth.TAG
})
public final class GpioHealthCheck implements HealthCheck {

    private final List<GpioDriver> drivers = new CopyOnWriteArrayList<>();

    @Reference(service = Driver.class, target = "(" + Driver.PROTOCOL + "=gpio)", cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addDriver(Driver driver) {
        if (driver instanceof GpioDriver gpio) {
            drivers.add(gpio);
        }
    }

    void removeDriver(Driver driver) {
        drivers.remove(driver);
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        if (drivers.isEmpty()) {
            log.info("no GPIO driver instance configured");
        }
        for (GpioDriver driver : drivers) {
            if (driver.state() == DriverState.FAILED) {
                log.critical("{}: FAILED: {}", driver.instance(), driver.stateReason());
                continue;
            }
            if (driver.state() != DriverState.CONNECTED) {
                log.warn("{}: {} ({})", driver.instance(), driver.state(), driver.stateReason());
                continue;
            }
            Map<String, String> rejected = driver.rejectedChannels();
            rejected.values().forEach(reason -> log.warn("{}: {}", driver.instance(), reason));
            log.info("{}: connected, pins claimed: {}", driver.instance(), driver.claimedPins());
        }
        return new Result(log);
    }
}
