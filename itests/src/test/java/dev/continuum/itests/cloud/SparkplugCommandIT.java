package dev.continuum.itests.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import dev.continuum.api.cloud.CloudEndpoint;
import dev.continuum.api.cloud.CloudMessage;
import dev.continuum.api.cloud.CloudPublisher;
import dev.continuum.api.cloud.ConnectionState;
import dev.continuum.api.data.TypedValue;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.Closer;
import dev.continuum.itests.support.FileCell;
import dev.continuum.itests.support.MosquittoBroker;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import javax.inject.Inject;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Sparkplug B device commands inside the framework: a host application's DCMD for device {@code cell} (the
 * example file driver's asset: {@code relay} READ_WRITE INTEGER, {@code temp} READ DOUBLE) through a real
 * Mosquitto writes the asset's channel (observable in the driver's file); a read-only channel, an unknown
 * channel, a value of the wrong type and an unknown device change nothing and do not stop the endpoint. An
 * asset configured while the endpoint is connected gets its DBIRTH at once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SparkplugCommandIT {

    private static final String PID = "dev.continuum.cloud.mqtt.endpoint";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private final Closer cleanup = new Closer();

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws Exception {
        Path driver = Runtime.localRepository().resolve(
                "dev/continuum/dev.continuum.example.driver/0.1.0-SNAPSHOT/dev.continuum.example.driver-0.1.0-SNAPSHOT.jar");
        return new Option[] {
            Runtime.features(Files.createTempDirectory("continuum-itest-spb-"), Ports.free(), "core", "opcua",
                    "cloud-mqtt"),
            Runtime.pahoBundle(),
            bundle(driver.toUri().toString()).startLevel(20)};
    }

    @After
    public void cleanUp() throws Exception {
        cleanup.close();
    }

    @Test
    public void aDeviceCommandWritesTheAssetsWritableChannelAndRefusesTheRestWithoutStopping() throws Exception {
        Path root = FileCell.configure(context, configurationAdmin);
        MosquittoBroker broker = cleanup.add(MosquittoBroker.start());
        RawSubscriber raw = cleanup.add(new RawSubscriber(broker.uri(), "spBv1.0/#"));
        CloudPublisher publisher = endpoint(broker.uri());
        Await.until(Duration.ofSeconds(20), "NBIRTH", () -> raw.count(a -> a.topic().contains("/NBIRTH/")) == 1);
        RawSubscriber.Arrival dbirth = Await.until(Duration.ofSeconds(20), "DBIRTH of the configured asset",
                () -> raw.arrivals().stream().filter(a -> a.topic().equals("spBv1.0/plant/DBIRTH/gw-spb-cmd/cell"))
                        .findFirst().orElse(null));
        String declared = new String(dbirth.payload(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(declared).as("the DBIRTH declares the asset's channels before it has published").contains("temp")
                .contains("relay");
        assertThat(raw.arrivals().indexOf(dbirth)).as("DBIRTH right after NBIRTH")
                .isEqualTo(1 + raw.arrivals().stream().map(RawSubscriber.Arrival::topic).toList()
                        .indexOf("spBv1.0/plant/NBIRTH/gw-spb-cmd"));
        MqttClient host = new MqttClient(broker.uri(), "host-app", new MemoryPersistence());
        host.connect();
        cleanup.add(() -> {
            host.disconnectForcibly(1000);
            host.close();
        });
        String dcmd = "spBv1.0/plant/DCMD/gw-spb-cmd/cell";
        // The endpoint subscribes to its commands after the births; CONNECTED comes once that is acknowledged.
        CloudEndpoint endpoint = service(CloudEndpoint.class);
        Await.until(Duration.ofSeconds(20), "the endpoint subscribed to its commands",
                () -> endpoint.status().state() == ConnectionState.CONNECTED);

        host.publish(dcmd, new SparkplugCommand().metric("temp", SparkplugCommand.DOUBLE, 5.0)
                .metric("nothing", SparkplugCommand.INT32, 1).metric("relay", SparkplugCommand.STRING, "on")
                .bytes(), 1, false);
        host.publish("spBv1.0/plant/DCMD/gw-spb-cmd/no-such-asset",
                new SparkplugCommand().metric("relay", SparkplugCommand.INT32, 1).bytes(), 1, false);
        host.publish(dcmd, "not a Sparkplug payload".getBytes(), 1, false);
        host.publish(dcmd, new SparkplugCommand().metric("relay", SparkplugCommand.INT32, 1).bytes(), 1, false);

        Await.until(Duration.ofSeconds(20), "relay written by the DCMD",
                () -> relay(root).equals("1"));
        assertThat(Files.readString(root.resolve("temp")).trim()).as("read-only channel untouched").isEqualTo("21.5");
        publisher.publishAndWait(CloudMessage.builder("cell").metric("relay", TypedValue.ofInteger(1)).build());
        Await.until(Duration.ofSeconds(20), "DDATA after the commands",
                () -> raw.count(a -> a.topic().equals("spBv1.0/plant/DDATA/gw-spb-cmd/cell")) == 1);
        assertThat(endpoint.status().connects()).as("no reconnect caused by the bad commands").isEqualTo(1);

        host.publish(dcmd, new SparkplugCommand().metric("relay", SparkplugCommand.INT32, 0).bytes(), 1, false);
        Await.until(Duration.ofSeconds(20), "relay written back to 0",
                () -> relay(root).equals("0"));

        Configuration added = configurationAdmin.getFactoryConfiguration("dev.continuum.asset", "cell-2", "?");
        added.update(new Hashtable<>(Map.of("name", "cell-2", "driver.instance", "files", "level#+value.type",
                "DOUBLE", "level#path", "temp")));
        cleanup.add(() -> {
            try {
                added.delete();
            } catch (IllegalStateException deletedByTheTest) {
                // the test removes the asset itself once it is born
            }
        });
        RawSubscriber.Arrival born = Await.until(Duration.ofSeconds(20), "DBIRTH of the asset added while connected",
                () -> raw.arrivals().stream().filter(a -> a.topic().equals("spBv1.0/plant/DBIRTH/gw-spb-cmd/cell-2"))
                        .findFirst().orElse(null));
        assertThat(new String(born.payload(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("declares the added asset's channel before it has published").contains("level");
        assertThat(raw.count(a -> a.topic().contains("/NBIRTH/"))).as("born by itself, no node rebirth").isEqualTo(1);

        added.delete();
        Await.until(Duration.ofSeconds(20), "DDEATH of the asset removed while connected",
                () -> raw.arrivals().stream().filter(a -> a.topic().equals("spBv1.0/plant/DDEATH/gw-spb-cmd/cell-2"))
                        .findFirst().orElse(null));
        assertThat(raw.count(a -> a.topic().contains("/DDEATH/"))).as("only the removed device died").isEqualTo(1);
        assertThat(endpoint.status().connects()).isEqualTo(1);
    }

    private static String relay(Path root) {
        try {
            return Files.readString(root.resolve("relay")).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private CloudPublisher endpoint(String uri) throws Exception {
        Configuration configuration = configurationAdmin.getFactoryConfiguration(PID, "spb-cmd", "?");
        Hashtable<String, Object> properties = new Hashtable<>(Map.of("name", "spb-cmd",
                "brokerUris", new String[] {uri}, "protocolVersion", "3.1.1", "clientId", "gw-spb-cmd",
                "format", "SPARKPLUG_B", "sparkplugGroupId", "plant", "sparkplugAliases", true,
                "backoffInitialMillis", 200L, "backoffMaxMillis", 2000L));
        configuration.update(properties);
        cleanup.add(configuration::delete);
        return service(CloudPublisher.class);
    }

    private <T> T service(Class<T> type) throws Exception {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, context.createFilter(
                "(&(objectClass=" + type.getName() + ")(" + CloudPublisher.ENDPOINT + "=spb-cmd))"), null);
        tracker.open();
        cleanup.add(tracker::close);
        T service = tracker.waitForService(20_000);
        assertThat(service).as("%s of endpoint spb-cmd", type.getSimpleName()).isNotNull();
        return service;
    }
}
