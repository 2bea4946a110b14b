package dev.continuum.core.internal.health;

import dev.continuum.api.health.GatewayHealth;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** DOWN while any bundle that is meant to run (persistently started) is not ACTIVE, naming each. */
@Component(service = HealthCheck.class, property = {
    HealthCheck.NAME + "=Bundles",
    HealthCheck.TAGS + "=" + GatewayHealth.TAG
})
public final class BundlesHealthCheck implements HealthCheck {

    private final BundleContext context;

    @Activate
    public BundlesHealthCheck(BundleContext context) {
        this.context = context;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        List<String> notActive = new ArrayList<>();
        int active = 0;
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.ACTIVE) {
                active++;
            } else if (shouldRun(bundle)) {
                notActive.add(bundle.getSymbolicName() + " " + bundle.getVersion());
            }
        }
        if (notActive.isEmpty()) {
            log.info("{} bundles active", active);
        } else {
            log.critical("not active: {}", String.join(", ", notActive));
        }
        return new Result(log);
    }

    private static boolean shouldRun(Bundle bundle) {
        if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null
                || bundle.getState() == Bundle.UNINSTALLED || bundle.getBundleId() == 0) {
            return false;
        }
        BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
        boolean lazyStarting = bundle.getState() == Bundle.STARTING && level.isActivationPolicyUsed();
        return level.isPersistentlyStarted() && !lazyStarting;
    }
}
