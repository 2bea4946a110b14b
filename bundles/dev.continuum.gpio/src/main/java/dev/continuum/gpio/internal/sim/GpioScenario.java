package dev.continuum.gpio.internal.sim;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator profile's GPIO world, on the mock provider: a door switch that toggles, a part-present
 * sensor that sees a part come and go, and a flow meter's pulse train. It acts on pins a channel has
 * claimed (a pin nobody claimed has no mock input to drive) and only where the simulator profile
 * configures it ({@code dev.continuum.gpio.scenario}).
 */
@Component(service = {}, configurationPid = GpioScenario.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ScenarioConfig.class)
public final class GpioScenario {

    public static final String PID = "dev.continuum.gpio.scenario";

    private static final Logger LOG = LoggerFactory.getLogger(GpioScenario.class);

    private final Context context;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "gpio-scenario");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public GpioScenario(@Reference(name = "context") Context context, ScenarioConfig config) {
        this.context = context;
        if (config.flow_hz() < 1 || config.flow_hz() > 1000) {
            throw new IllegalArgumentException("flow.hz is " + config.flow_hz() + "; accepted: 1 to 1000");
        }
        timer.scheduleAtFixedRate(safely(() -> toggle(config.door_pin())), config.door_period_ms(), config.door_period_ms(),
                TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(safely(() -> part(config.part_pin(), config.part_dwell_ms())), config.part_period_ms(),
                config.part_period_ms(), TimeUnit.MILLISECONDS);
        long periodMicros = 1_000_000L / config.flow_hz();
        timer.scheduleAtFixedRate(safely(() -> pulse(config.flow_pin())), periodMicros, periodMicros, TimeUnit.MICROSECONDS);
        LOG.debug("GPIO scenario running: door on pin {}, part sensor on pin {}, {} Hz flow meter on pin {}",
                config.door_pin(), config.part_pin(), config.flow_hz(), config.flow_pin());
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    /** A failed step (a pin released meanwhile) must not cancel the periodic task. */
    private static Runnable safely(Runnable step) {
        return () -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.debug("GPIO scenario step skipped: {}", e.getMessage());
            }
        };
    }

    private MockDigitalInput input(String pin) {
        String id = "pin-" + pin;
        return context.registry().exists(id) && context.registry().get(id) instanceof MockDigitalInput input ? input : null;
    }

    private void toggle(String pin) {
        MockDigitalInput input = input(pin);
        if (input != null) {
            input.mockState(input.state().isHigh() ? DigitalState.LOW : DigitalState.HIGH);
        }
    }

    private void part(String pin, long dwellMillis) {
        MockDigitalInput input = input(pin);
        if (input != null) {
            input.mockState(DigitalState.HIGH);
            timer.schedule(safely(() -> input.mockState(DigitalState.LOW)), dwellMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void pulse(String pin) {
        MockDigitalInput input = input(pin);
        if (input != null) {
            input.mockState(DigitalState.HIGH);
            input.mockState(DigitalState.LOW);
        }
    }
}
