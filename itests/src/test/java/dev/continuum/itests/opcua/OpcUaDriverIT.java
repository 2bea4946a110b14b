package dev.continuum.itests.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.asset.Asset;
import dev.continuum.api.asset.SampleListener;
import dev.continuum.api.data.DataType;
import dev.continuum.api.data.Sample;
import dev.continuum.api.data.SampleStatus;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.driver.BrowseNode;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelMode;
import dev.continuum.api.driver.Driver;
import dev.continuum.api.driver.DriverState;
import dev.continuum.api.driver.WriteResult;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.MiloTestServer;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The OPC UA driver and assets against a real Milo server in another JVM (the simulation server): a
 * Basic256Sha256/SignAndEncrypt session with a user name, typed/scaled values with status, a bad
 * channel isolated, writes, browse, a server killed and restarted, the driver bundle updated, an
 * untrusted server certificate and a refused security policy None.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OpcUaDriverIT {

    private static final Path DATA = tempDir();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static MiloTestServer server;
    private static SampleCollector samples;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private dev.continuum.api.health.GatewayHealth health;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() {
        return new Option[] {
            Runtime.features(DATA, Ports.free(), "core", "opcua"),
            CoreOptions.frameworkProperty("itest.opcua.port").value(Integer.toString(Ports.free())),
            CoreOptions.frameworkProperty("itest.opcua.port2").value(Integer.toString(Ports.free()))
        };
    }

    private synchronized MiloTestServer server() throws Exception {
        if (server == null) {
            Path data = Path.of(context.getProperty("continuum.data"));
            int port = Integer.parseInt(context.getProperty("itest.opcua.port"));
            server = MiloTestServer.create(port, data.resolve("server-pki"),
                    "--policies=Basic256Sha256,Aes128_Sha256_RsaOaep,Aes256_Sha256_RsaPss",
                    "--anonymous=false", "--user=operator:s3cret", "--update-ms=50", "--tags=1").start();
            java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            samples = new SampleCollector();
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(SampleListener.CHANNELS, new String[] {"press/*"});
            context.registerService(SampleListener.class, samples, properties);
            Path trusted = Files.createDirectories(data.resolve("opcua/pki/trusted/certs"));
            Files.copy(server.certificate(), trusted.resolve("sim-server.der"), StandardCopyOption.REPLACE_EXISTING);
            configure("dev.continuum.opcua", "line", Map.of(
                    "driver.instance", "line",
                    "endpointUrl", server.endpointUrl(),
                    "securityPolicy", "Basic256Sha256",
                    "securityMode", "SignAndEncrypt",
                    "identity", "username",
                    "username", "operator",
                    "password", "s3cret",
                    "publishingInterval", 50.0,
                    "samplingInterval", 50.0));
            configure("dev.continuum.asset", "press", Map.ofEntries(
                    Map.entry("name", "press"),
                    Map.entry("driver.instance", "line"),
                    Map.entry("temperature#+value.type", "DOUBLE"),
                    Map.entry("temperature#node.id", "nsu=urn:continuum:sim:line;s=Line/Press1/Temperature"),
                    Map.entry("scaled#+value.type", "DOUBLE"),
                    Map.entry("scaled#+scale", "2"),
                    Map.entry("scaled#+offset", "1"),
                    Map.entry("scaled#node.id", "nsu=urn:continuum:sim:line;s=Line/Press1/Temperature"),
                    Map.entry("pressure#+value.type", "FLOAT"),
                    Map.entry("pressure#node.id", "ns=2;s=Line/Press1/Pressure"),
                    Map.entry("running#+value.type", "BOOLEAN"),
                    Map.entry("running#node.id", "ns=2;s=Line/Press1/Running"),
                    Map.entry("parts#+value.type", "INTEGER"),
                    Map.entry("parts#node.id", "ns=2;s=Line/Press1/PartCount"),
                    Map.entry("numeric#+value.type", "LONG"),
                    Map.entry("numeric#node.id", "ns=2;i=5001"),
                    Map.entry("guid#+value.type", "LONG"),
                    Map.entry("guid#node.id", "ns=2;g=6f1b3c2a-5d4e-4f60-8a7b-9c0d1e2f3a4b"),
                    Map.entry("opaque#+value.type", "LONG"),
                    Map.entry("opaque#node.id", "ns=2;b=wP/u"),
                    Map.entry("sequence#+value.type", "DOUBLE"),
                    Map.entry("sequence#node.id", "ns=2;s=Line/Tags/Tag00000"),
                    // 60 updates in a row are checked: a queue of 10 s of them rides out a stalled client on a busy box.
                    Map.entry("sequence#queue.size", "200"),
                    Map.entry("faulty#+value.type", "DOUBLE"),
                    Map.entry("faulty#node.id", "ns=2;s=Line/Diagnostics/Faulty"),
                    Map.entry("broken#+value.type", "DOUBLE"),
                    Map.entry("broken#node.id", "ns=2;x=nonsense"),
                    Map.entry("missing#+value.type", "DOUBLE"),
                    Map.entry("missing#node.id", "ns=2;s=Line/NoSuchNode"),
                    Map.entry("untyped#+value.type", "DECIMAL"),
                    Map.entry("untyped#node.id", "ns=2;s=Line/Press1/Vibration"),
                    Map.entry("setpoint#+type", "READ_WRITE"),
                    Map.entry("setpoint#+value.type", "DOUBLE"),
                    Map.entry("setpoint#+listen", "false"),
                    Map.entry("setpoint#node.id", "ns=2;s=Line/Setpoint")));
        }
        return server;
    }

    /** The samples of asset press since the asset was configured (constant values arrive only once). */
    private SampleCollector collect() {
        return samples;
    }

    @Test
    public void securedSessionDeliversTypedScaledSamplesAndIsolatesBadChannels() throws Exception {
        server();
        SampleCollector samples = collect();
        Driver driver = service(Driver.class, "(driver.instance=line)");
        Await.until(WAIT, "driver connected, now " + driver.state() + " " + driver.stateReason(),
                () -> driver.state() == DriverState.CONNECTED);
        for (String channel : List.of("temperature", "scaled", "pressure", "running", "parts", "numeric", "guid",
                "opaque", "faulty")) {
            Await.until(WAIT, "a sample of press/" + channel, () -> !samples.of("press/" + channel).isEmpty());
        }
        Sample temperature = samples.of("press/temperature").get(0);
        assertThat(temperature.status()).isEqualTo(SampleStatus.GOOD);
        assertThat(temperature.value().type()).isEqualTo(DataType.DOUBLE);
        assertThat(samples.of("press/pressure").get(0).value().type()).isEqualTo(DataType.FLOAT);
        assertThat(samples.of("press/running").get(0).value().type()).isEqualTo(DataType.BOOLEAN);
        assertThat(samples.of("press/parts").get(0).value().type()).isEqualTo(DataType.INTEGER);
        assertThat(samples.of("press/numeric").get(0).value().type()).isEqualTo(DataType.LONG);
        assertThat(samples.of("press/guid").get(0).isGood()).isTrue();
        assertThat(samples.of("press/opaque").get(0).isGood()).isTrue();
        // Same node, same source time: scaled = raw * 2 + 1.
        Sample scaled = Await.until(WAIT, "a scaled sample matching a raw one", () -> samples.of("press/scaled").stream()
                .filter(s -> samples.of("press/temperature").stream().anyMatch(r -> r.sourceTime().equals(s.sourceTime())))
                .findFirst().orElse(null));
        Sample raw = samples.of("press/temperature").stream().filter(r -> r.sourceTime().equals(scaled.sourceTime()))
                .findFirst().orElseThrow();
        assertThat(scaled.value().asDouble()).isCloseTo(raw.value().asDouble() * 2 + 1, org.assertj.core.data.Offset.offset(1e-9));
        // Tag00000 carries the server's update number, changed every 50 ms and sampled every 50 ms: the server
        // samples at the end of each update, so no update is missed (60 in a row, about 3 s).
        // Counted from now, after the first one: other tests restart the server and update the driver.
        int from = samples.of("press/sequence").size() + 1;
        List<Long> sequence = Await.until(WAIT, "60 samples of press/sequence", () -> {
            List<Sample> all = samples.of("press/sequence");
            return all.size() >= from + 60
                    ? all.subList(from, from + 60).stream().map(x -> (long) x.value().asDouble()).toList() : null;
        });
        for (int i = 1; i < sequence.size(); i++) {
            assertThat(sequence.get(i)).as("update after %s in %s", sequence.get(i - 1), sequence)
                    .isEqualTo(sequence.get(i - 1) + 1);
        }
        // A Bad value is delivered as a BAD sample with the status name, not dropped.
        Sample faulty = samples.of("press/faulty").get(0);
        assertThat(faulty.status()).isEqualTo(SampleStatus.BAD);
        assertThat(faulty.message()).contains("Bad_SensorFailure");
        // Bad channels are in error with their reasons; the others flow.
        Asset asset = service(Asset.class, "(asset.name=press)");
        Map<String, String> errors = Await.until(WAIT, "three channel errors",
                () -> asset.channelErrors().size() == 3 ? asset.channelErrors() : null);
        assertThat(errors.get("broken")).contains("bad node id").contains("accepted");
        assertThat(errors.get("missing")).contains("Bad_NodeIdUnknown");
        assertThat(errors.get("untyped")).contains("unknown data type 'DECIMAL'");
        assertThat(samples.of("press/broken")).isEmpty();
        // The instance's health check: connected, but degraded by the channel the server rejected.
        dev.continuum.api.health.ComponentHealth opcua = health.report().components().stream()
                .filter(c -> c.name().equals("OPC UA line")).findFirst().orElseThrow();
        assertThat(opcua.status()).isEqualTo(dev.continuum.api.health.HealthStatus.DEGRADED);
        assertThat(opcua.reason()).contains("connected").contains("missing");
    }

    @Test
    public void writesConvertToTheNodeTypeAndReportEachChannel() throws Exception {
        server();
        Asset asset = service(Asset.class, "(asset.name=press)");
        Driver driver = service(Driver.class, "(driver.instance=line)");
        Await.until(WAIT, "driver connected", () -> driver.state() == DriverState.CONNECTED);
        Map<String, TypedValue> writes = new java.util.LinkedHashMap<>();
        writes.put("setpoint", TypedValue.ofInteger(42));
        writes.put("temperature", TypedValue.ofDouble(1));
        writes.put("nosuch", TypedValue.ofDouble(1));
        List<WriteResult> results = asset.write(writes).get(10, TimeUnit.SECONDS);
        assertThat(results).extracting(WriteResult::channel).containsExactly("setpoint", "temperature", "nosuch");
        assertThat(results.get(0).ok()).as(results.get(0).message()).isTrue();
        assertThat(results.get(1).ok()).isFalse();
        assertThat(results.get(1).message()).contains("cannot be written").contains("READ");
        assertThat(results.get(2).message()).contains("no channel 'nosuch'");
        List<Sample> read = asset.read(List.of("setpoint")).get(10, TimeUnit.SECONDS);
        assertThat(read.get(0).value()).isEqualTo(TypedValue.ofDouble(42.0));
        WriteResult text = asset.write(Map.of("setpoint", TypedValue.ofString("hot"))).get(10, TimeUnit.SECONDS).get(0);
        assertThat(text.ok()).isFalse();
        assertThat(text.message()).contains("cannot convert").contains("hot");
    }

    @Test
    public void browseReturnsTheSimulationTree() throws Exception {
        server();
        Driver driver = service(Driver.class, "(driver.instance=line)");
        Await.until(WAIT, "driver connected", () -> driver.state() == DriverState.CONNECTED);
        BrowseNode root = driver.browse("", 3, 500).get(20, TimeUnit.SECONDS);
        BrowseNode line = child(root, "Line");
        BrowseNode press = child(line, "Press1");
        BrowseNode temperature = child(press, "Temperature");
        assertThat(temperature.kind()).isEqualTo("Variable");
        assertThat(temperature.channelProperties()).containsEntry("node.id", "ns=2;s=Line/Press1/Temperature")
                .containsEntry("+value.type", "DOUBLE");
        BrowseNode limited = driver.browse("ns=2;s=Line", 5, 3).get(20, TimeUnit.SECONDS);
        assertThat(count(limited)).isLessThanOrEqualTo(3);
    }

    @Test
    public void subscriptionResumesAfterTheServerIsKilledAndRestarted() throws Exception {
        MiloTestServer milo = server();
        SampleCollector samples = collect();
        Driver driver = service(Driver.class, "(driver.instance=line)");
        Await.until(WAIT, "first sample", () -> !samples.of("press/temperature").isEmpty());
        milo.kill();
        Await.until(WAIT, "driver noticing the loss", () -> driver.state() == DriverState.CONNECTING);
        Instant down = Instant.now();
        milo.start();
        Instant up = Instant.now();
        Sample resumed = Await.until(WAIT, "a sample after the restart",
                () -> samples.latestAfter("press/temperature", up));
        assertThat(resumed.isGood()).isTrue();
        assertThat(Duration.between(up, resumed.receiveTime())).isLessThan(Duration.ofSeconds(10));
        assertThat(down).isBefore(up);
    }

    @Test
    public void assetsRebindWhenTheDriverBundleIsUpdated() throws Exception {
        server();
        SampleCollector samples = collect();
        Await.until(WAIT, "first sample", () -> !samples.of("press/temperature").isEmpty());
        Asset before = service(Asset.class, "(asset.name=press)");
        Bundle driverBundle = FrameworkUtil.getBundle(service(Driver.class, "(driver.instance=line)").getClass());
        long pid = ProcessHandle.current().pid();
        driverBundle.update();
        org.osgi.framework.wiring.FrameworkWiring wiring =
                context.getBundle(0).adapt(org.osgi.framework.wiring.FrameworkWiring.class);
        wiring.refreshBundles(List.of(driverBundle));
        Instant updated = Instant.now();
        Sample resumed = Await.until(WAIT, "a sample from the updated driver",
                () -> samples.latestAfter("press/temperature", updated.plusMillis(500)));
        assertThat(resumed.isGood()).isTrue();
        assertThat(service(Asset.class, "(asset.name=press)")).isSameAs(before);
        assertThat(ProcessHandle.current().pid()).isEqualTo(pid);
        Driver driver = service(Driver.class, "(driver.instance=line)");
        assertThat(FrameworkUtil.getBundle(driver.getClass()).getBundleId()).isEqualTo(driverBundle.getBundleId());
    }

    @Test
    public void aes128AndAes256PoliciesConnectAndRead() throws Exception {
        MiloTestServer milo = server();
        ChannelConfig temperature = new ChannelConfig("temperature", ChannelMode.READ, DataType.DOUBLE, 1, 0, "", true,
                Map.of("node.id", "ns=2;s=Line/Press1/Temperature"));
        for (String[] security : List.of(new String[] {"Aes128_Sha256_RsaOaep", "SignAndEncrypt"},
                new String[] {"Aes256_Sha256_RsaPss", "Sign"})) {
            String name = security[0].toLowerCase(java.util.Locale.ROOT);
            Configuration configuration = configure("dev.continuum.opcua", name, Map.of("driver.instance", name,
                    "endpointUrl", milo.endpointUrl(), "securityPolicy", security[0], "securityMode", security[1],
                    "identity", "username", "username", "operator", "password", "s3cret"));
            Driver driver = service(Driver.class, "(driver.instance=" + name + ")");
            Await.until(WAIT, name + " connected, now " + driver.state() + " " + driver.stateReason(),
                    () -> driver.state() == DriverState.CONNECTED);
            List<dev.continuum.api.driver.ChannelReading> readings = driver.read(List.of(temperature))
                    .get(10, TimeUnit.SECONDS);
            assertThat(readings.get(0).status()).as(name).isEqualTo(SampleStatus.GOOD);
            assertThat(readings.get(0).value().type()).isEqualTo(DataType.DOUBLE);
            configuration.delete();
        }
    }

    @Test
    public void untrustedServerCertificateFailsNamingTheCertificateAndTheTrustFolder() throws Exception {
        Path data = Path.of(context.getProperty("continuum.data"));
        int port = Integer.parseInt(context.getProperty("itest.opcua.port2"));
        try (MiloTestServer stranger = MiloTestServer.create(port, data.resolve("stranger-pki"),
                "--policies=Basic256Sha256").start()) {
            Configuration configuration = configure("dev.continuum.opcua", "stranger", Map.of(
                    "driver.instance", "stranger", "endpointUrl", stranger.endpointUrl()));
            Driver driver = service(Driver.class, "(driver.instance=stranger)");
            String reason = Await.until(WAIT, "a rejection", () -> driver.stateReason().contains("rejected")
                    ? driver.stateReason() : null);
            assertThat(driver.state()).isNotEqualTo(DriverState.CONNECTED);
            assertThat(reason).contains("Continuum Simulation Server")
                    .contains(data.resolve("opcua/pki/rejected").toString())
                    .contains(data.resolve("opcua/pki/trusted/certs").toString());
            try (Stream<Path> rejected = Files.list(data.resolve("opcua/pki/rejected"))) {
                assertThat(rejected.count()).isGreaterThanOrEqualTo(1);
            }
            configuration.delete();
        }
    }

    @Test
    public void securityPolicyNoneIsRefusedUnlessAllowed() throws Exception {
        Configuration configuration = configure("dev.continuum.opcua", "plain", Map.of("driver.instance", "plain",
                "endpointUrl", "opc.tcp://localhost:1/none", "securityPolicy", "None"));
        Driver driver = service(Driver.class, "(driver.instance=plain)");
        assertThat(driver.state()).isEqualTo(DriverState.FAILED);
        assertThat(driver.stateReason()).contains("security policy None is refused").contains("allowNone=true");
        configuration.delete();
    }

    private Configuration configure(String factoryPid, String name, Map<String, Object> values) throws IOException {
        Configuration configuration = configurationAdmin.getFactoryConfiguration(factoryPid, name, "?");
        configuration.update(new Hashtable<>(values));
        return configuration;
    }

    private <T> T service(Class<T> type, String filter) {
        return Await.until(WAIT, type.getSimpleName() + " " + filter, () -> {
            try {
                Collection<ServiceReference<T>> references = context.getServiceReferences(type, filter);
                return references.isEmpty() ? null : context.getService(references.iterator().next());
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        });
    }

    private static BrowseNode child(BrowseNode node, String name) {
        return node.children().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no '" + name + "' below " + node.name() + ": " + node.children().stream()
                        .map(BrowseNode::name).toList()));
    }

    private static int count(BrowseNode node) {
        return 1 + node.children().stream().mapToInt(OpcUaDriverIT::count).sum();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("continuum-opcua-it-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
