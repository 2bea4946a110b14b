package dev.continuum.core.internal.health;

import dev.continuum.api.health.GatewayHealth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The state of every Declarative Services component in Continuum's bundles: DOWN when one failed to
 * activate (with its error), DEGRADED when one waits for a missing service.
 *
 * <p>Components that need a configuration and have none are not counted: they are simply not configured.
 */
@Component(service = HealthCheck.class, property = {
    HealthCheck.NAME + "=Components",
    HealthCheck.TAGS + "=" + GatewayHealth.TAG
})
public final class ComponentsHealthCheck implements HealthCheck {

    static final String OWN_BUNDLES = "dev.continuum.";

    private final ServiceComponentRuntime runtime;

    @Activate
    public ComponentsHealthCheck(@Reference ServiceComponentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        List<String> failed = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        int running = 0;
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
            if (!description.bundle.symbolicName.startsWith(OWN_BUNDLES)
                    || !runtime.isComponentEnabled(description)) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
                switch (configuration.state) {
                    case ComponentConfigurationDTO.FAILED_ACTIVATION ->
                            failed.add(description.name + ": " + configuration.failure);
                    case ComponentConfigurationDTO.UNSATISFIED_REFERENCE ->
                            waiting.add(description.name + " waits for " + Arrays.stream(configuration.unsatisfiedReferences)
                                    .map(reference -> reference.name)
                                    .collect(Collectors.joining(", ")));
                    default -> running++;
                }
            }
        }
        failed.forEach(line -> log.critical("failed: {}", line));
        waiting.forEach(line -> log.warn("{}", line));
        if (failed.isEmpty() && waiting.isEmpty()) {
            log.info("{} components running", running);
        }
        return new Result(log);
    }
}
