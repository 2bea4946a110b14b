package dev.continuum.itests.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.CloudEndpoint;
import dev.continuum.api.cloud.ConnectionState;
import java.time.Duration;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/** Points the runtime's MQTT endpoint {@code cloud} at a broker under a Kura client id, and waits until it is connected. */
public final class KuraEndpoint {

    private KuraEndpoint() {
    }

    public static void connect(BundleContext context, ConfigurationAdmin configurationAdmin, String alias,
            String brokerUri, String clientId, String account) throws Exception {
        Configuration configuration = configurationAdmin.getFactoryConfiguration(
                "dev.continuum.cloud.mqtt.endpoint", alias, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("name", "cloud");
        properties.put("brokerUris", new String[] {brokerUri});
        properties.put("clientId", clientId);
        properties.put("account", account);
        properties.put("backoffInitialMillis", 200L);
        configuration.update(properties);
        ServiceTracker<CloudEndpoint, CloudEndpoint> tracker = new ServiceTracker<>(context, CloudEndpoint.class, null);
        tracker.open();
        try {
            CloudEndpoint endpoint = tracker.waitForService(20_000);
            assertThat(endpoint).as("the MQTT endpoint").isNotNull();
            Await.until(Duration.ofSeconds(20), "endpoint connected",
                    () -> endpoint.status().state() == ConnectionState.CONNECTED);
        } finally {
            tracker.close();
        }
    }
}
