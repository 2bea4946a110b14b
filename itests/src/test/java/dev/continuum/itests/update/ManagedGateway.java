package dev.continuum.itests.update;


import dev.continuum.itests.support.KapuaClient;
import dev.continuum.itests.support.KuraEndpoint;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/** The gateway side of the remote-management itests: an MQTT endpoint of client id gw in account acme. */
final class ManagedGateway {

    private ManagedGateway() {
    }

    /** Paho 3.1.1 as a bundle, for the test's own management client (KapuaClient) inside the framework. */
    /** Configures the endpoint {@code name} to {@code brokerUri} as client gw of account acme; waits until connected. */
    static void connect(BundleContext context, ConfigurationAdmin configurationAdmin, String name, String brokerUri)
            throws Exception {
        KuraEndpoint.connect(context, configurationAdmin, name, brokerUri, "gw", "acme");
    }
}
