package dev.continuum.itests.update;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.CloudEndpoint;
import dev.continuum.api.cloud.ConnectionState;
import dev.continuum.itests.support.Await;
import java.time.Duration;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/** The gateway side of the remote-management itests: an MQTT endpoint of client id gw in account acme. */
final class ManagedGateway {

    private ManagedGateway() {
    }

    /** Paho 3.1.1 as a bundle, for the test's own management client (KapuaClient) inside the framework. */
    static org.ops4j.pax.exam.Option pahoBundle() {
        java.nio.file.Path paho = dev.continuum.itests.support.Runtime.localRepository().resolve(
                "org/eclipse/paho/org.eclipse.paho.client.mqttv3/1.2.5/org.eclipse.paho.client.mqttv3-1.2.5.jar");
        return org.ops4j.pax.exam.CoreOptions.bundle(paho.toUri().toString()).startLevel(20);
    }

    /** Configures the endpoint {@code name} to {@code brokerUri} and waits until it is connected. */
    static void connect(BundleContext context, ConfigurationAdmin configurationAdmin, String name, String brokerUri)
            throws Exception {
        Configuration configuration = configurationAdmin.getFactoryConfiguration(
                "dev.continuum.cloud.mqtt.endpoint", name, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("name", "cloud");
        properties.put("brokerUris", new String[] {brokerUri});
        properties.put("clientId", "gw");
        properties.put("account", "acme");
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
