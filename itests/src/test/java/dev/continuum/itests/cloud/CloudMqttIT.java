package dev.continuum.itests.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.Accepted;
import dev.continuum.api.cloud.CloudEndpoint;
import dev.continuum.api.cloud.CloudException;
import dev.continuum.api.cloud.CloudMessage;
import dev.continuum.api.cloud.CloudPublisher;
import dev.continuum.api.cloud.CloudRoute;
import dev.continuum.api.cloud.ConnectionState;
import dev.continuum.api.cloud.RouteStatus;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.health.ComponentHealth;
import dev.continuum.api.health.GatewayHealth;
import dev.continuum.api.health.HealthStatus;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.Closer;
import dev.continuum.itests.support.DelayProxy;
import dev.continuum.itests.support.MosquittoBroker;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
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
 * The cloud-mqtt feature against a real Mosquitto: every accepted message arrives across broker stops and
 * kills (the unique-id checker counts lost, duplicated and reordered), BIRTH on every connect, bad input and
 * bad configuration refused with errors that name the rule, and refused credentials visible in the
 * endpoint's status without a tight retry loop.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CloudMqttIT {

    private static final String PID = "dev.continuum.cloud.mqtt.endpoint";
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private GatewayHealth health;

    private final Closer cleanup = new Closer();

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws Exception {
        Path data = Files.createTempDirectory("continuum-itest-mqtt-");
        return new Option[] {
            Runtime.features(data, Ports.free(), "core", "cloud-mqtt"),
            Runtime.pahoBundle()
        };
    }

    @After
    public void cleanUp() throws Exception {
        cleanup.close();
    }

    @Test
    public void everyAcceptedMessageArrivesAcrossABrokerStopInOrderWithItsDedupId() throws Exception {
        deliversAcrossAnOutage("stop", false);
    }

    @Test
    public void nothingTheBrokerDidNotAcknowledgeIsLostAcrossABrokerKill() throws Exception {
        deliversAcrossAnOutage("kill", true);
    }

    @Test
    public void everyAcceptedMessageArrivesAcrossANetworkCut() throws Exception {
        deliversAcrossAnOutage("pause", false);
    }

    private void deliversAcrossAnOutage(String name, boolean kill) throws Exception {
        boolean pause = name.equals("pause");
        MosquittoBroker broker = closeLater(MosquittoBroker.start());
        Subscriber subscriber = closeLater(new Subscriber(broker.uri(), "sub-" + name, "acme/gw-" + name + "/#",
                "$EDC/acme/gw-" + name + "/MQTT/#").connect());
        java.time.Instant subscribed = java.time.Instant.now();
        CloudPublisher publisher = endpoint(name, broker.uri(), "5");
        CloudEndpoint endpoint = service(CloudEndpoint.class, name);
        Await.until(Duration.ofSeconds(20), "endpoint connected",
                () -> endpoint.status().state() == ConnectionState.CONNECTED);

        List<Long> accepted = new ArrayList<>();
        long ackedAtKill = 0;
        accepted.addAll(publish(publisher, 0, 1000));
        Await.until(DELIVERY, "first messages delivered", () -> subscriber.receivedOn("acme/").size() >= 200);
        if (kill) {
            // Only what Mosquitto saved survives its kill: its next autosave must include the subscription.
            broker.awaitSavedAfter(subscribed);
            broker.kill();
            // PUBACKs read before the kill may still be in Paho's callback queue: count them all (no broker, no
            // new ones) before taking the number the broker acknowledged.
            ackedAtKill = stableAcknowledged(endpoint);
        } else if (pause) {
            broker.pause();
        } else {
            broker.stop();
        }
        accepted.addAll(publish(publisher, 1000, 1000));
        Await.until(Duration.ofSeconds(30), "endpoint noticed the outage",
                () -> endpoint.status().state() != ConnectionState.CONNECTED);
        accepted.addAll(publish(publisher, 2000, 500));
        if (pause) {
            broker.resume();
        } else {
            subscriber.close();
            broker.restart();
            subscriber.connect();
        }

        long deadline = System.nanoTime() + DELIVERY.toNanos();
        DeliveryCheck check = DeliveryCheck.of(accepted, sequences(subscriber));
        int tolerated = kill ? (int) ackedAtKill : 0;
        while (check.lost() > 0 && System.nanoTime() < deadline
                && !(kill && DeliveryCheck.of(accepted.subList(1000, accepted.size()), sequences(subscriber)).lost() == 0
                        && check.lost() <= tolerated)) {
            Await.pause(Duration.ofMillis(100));
            check = DeliveryCheck.of(accepted, sequences(subscriber));
        }
        if (kill) {
            // Mosquitto acknowledges (PUBACK) before it persists, so a SIGKILL may lose messages it had already
            // acknowledged. The gateway must lose none of the others: every loss must be among the messages
            // the broker acknowledged before it was killed, and every message accepted later must arrive.
            List<Long> lost = new ArrayList<>(accepted);
            lost.removeAll(sequences(subscriber));
            List<Long> acknowledgedBeforeKill = accepted.subList(0, (int) Math.min(ackedAtKill, accepted.size()));
            assertThat(acknowledgedBeforeKill).as("lost %s: %s", check, endpoint.status()).containsAll(lost);
            assertThat(lost).as("accepted after the kill").noneMatch(s -> accepted.indexOf(s) >= 1000);
        } else {
            assertThat(check.lost()).as("lost after %s: %s; endpoint %s", DELIVERY, check, endpoint.status()).isZero();
        }
        assertThat(check.reordered()).as("reordered on first delivery: %s", check).isZero();
        List<Subscriber.Received> data = subscriber.receivedOn("acme/");
        assertThat(data).allSatisfy(r -> assertThat(r.dedupId()).startsWith("gw-" + name + "/"));
        assertThat(data).as("messages accepted during the outage are flagged historical")
                .anySatisfy(r -> assertThat(r.historical()).isTrue());
        assertThat(subscriber.receivedOn("$EDC/acme/gw-" + name + "/MQTT/BIRTH")).as("BIRTH on every connect")
                .hasSizeGreaterThanOrEqualTo(kill ? 1 : 2);
        Await.until(Duration.ofSeconds(10), "outbox drained", () -> endpoint.status().outbox().messages() == 0);
        assertThat(endpoint.status().connects()).isGreaterThanOrEqualTo(2);
    }

    @Test
    public void badInputIsRefusedNamingTheRuleOrLimit() throws Exception {
        MosquittoBroker broker = closeLater(MosquittoBroker.start());
        CloudPublisher publisher = endpoint("bad-input", broker.uri(), "3.1.1");

        assertThat(refusal(publisher, CloudMessage.builder("app/+/x").build()))
                .contains("wildcard").contains("app/+/x");
        assertThat(refusal(publisher, CloudMessage.builder("app/x").body(new byte[5000]).build()))
                .contains("maxPayloadBytes 4096");
        assertThat(refusal(publisher, CloudMessage.builder("app/x").qos(3).build()))
                .contains("qos 3 is not supported; accepted: 0, 1, 2");
        assertThat(publisher.publishAndWait(CloudMessage.builder("app/x").build()).id().sequence())
                .as("a good message after bad ones is accepted").isPositive();
    }

    @Test
    public void jsonAndSparkplugEndpointsPublishInsideTheFramework() throws Exception {
        MosquittoBroker broker = closeLater(MosquittoBroker.start());
        RawSubscriber raw = closeLater(new RawSubscriber(broker.uri(), "#"));
        CloudPublisher json = endpoint("fmt-json", broker.uri(), "5",
                Map.of("format", "JSON", "topicTemplate", "plant/{gatewayId}/{asset}/{channel}"));
        CloudPublisher sparkplug = endpoint("fmt-spb", broker.uri(), "3.1.1",
                Map.of("format", "SPARKPLUG_B", "sparkplugGroupId", "plant"));
        CloudMessage message = CloudMessage.builder("press-1/temperature").metric("celsius", TypedValue.ofDouble(81.5))
                .build();

        json.publishAndWait(message);
        sparkplug.publishAndWait(message);

        Await.until(Duration.ofSeconds(20), "JSON and Sparkplug data", () -> raw.count(a -> a.topic().equals(
                "plant/gw-fmt-json/press-1/temperature")) == 1 && raw.count(a -> a.topic().equals(
                        "spBv1.0/plant/DDATA/gw-fmt-spb/press-1")) == 1);
        List<RawSubscriber.Arrival> arrivals = raw.arrivals();
        assertThat(arrivals.stream().filter(a -> a.topic().startsWith("plant/")).findFirst().orElseThrow().text())
                .contains("\"metrics\":{\"celsius\":81.5}").contains("\"dedupId\":\"gw-fmt-json/");
        assertThat(arrivals).extracting(RawSubscriber.Arrival::topic).containsSubsequence(
                "spBv1.0/plant/NBIRTH/gw-fmt-spb", "spBv1.0/plant/DBIRTH/gw-fmt-spb/press-1",
                "spBv1.0/plant/DDATA/gw-fmt-spb/press-1");
        assertThat(arrivals.stream().filter(a -> a.topic().contains("/DDATA/")).findFirst().orElseThrow().text())
                .as("Sparkplug DDATA encoded by the embedded Tahu").contains("temperature/celsius");
    }

    @Test
    public void aMisconfiguredEndpointFailsToActivateWithAMessageNamingTheProblem() throws Exception {
        Configuration configuration = configurationAdmin.getFactoryConfiguration(PID, "misconfigured", "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("name", "misconfigured");
        properties.put("brokerUris", new String[] {"http://127.0.0.1:1"});
        configuration.update(properties);
        cleanup.add(configuration::delete);

        org.osgi.service.component.runtime.ServiceComponentRuntime scr = Await.until(Duration.ofSeconds(10), "SCR",
                () -> context.getService(context.getServiceReference(
                        org.osgi.service.component.runtime.ServiceComponentRuntime.class)));
        String failure = Await.until(Duration.ofSeconds(10), "activation failure", () -> {
            for (var description : scr.getComponentDescriptionDTOs(bundleOf("dev.continuum.cloud.mqtt"))) {
                for (var dto : scr.getComponentConfigurationDTOs(description)) {
                    if (dto.failure != null && dto.failure.contains("misconfigured")) {
                        return dto.failure;
                    }
                }
            }
            return null;
        });
        assertThat(failure).contains("broker URI 'http://127.0.0.1:1' has scheme http; accepted: tcp, ssl, ws, wss");
    }

    @Test
    public void refusedCredentialsShowInTheStatusAndRetriesBackOff() throws Exception {
        MosquittoBroker broker = closeLater(MosquittoBroker.start(List.of("allow_anonymous false")));
        endpoint("refused", broker.uri(), "3.1.1");
        CloudEndpoint endpoint = service(CloudEndpoint.class, "refused");
        String error = Await.until(Duration.ofSeconds(20), "a connection error", () -> endpoint.status().lastError());
        assertThat(error).containsIgnoringCase("not authori");
        assertThat(endpoint.status().state()).isNotEqualTo(ConnectionState.CONNECTED);
        ComponentHealth component = Await.until(Duration.ofSeconds(20), "health of the endpoint",
                () -> health.report().components().stream()
                        .filter(c -> c.name().equals("MQTT endpoint refused")).findFirst().orElse(null));
        assertThat(component.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(component.reason()).containsIgnoringCase("not authori");

        long start = System.nanoTime();
        Await.until(Duration.ofSeconds(10), "3 s to pass", () -> System.nanoTime() - start > 3_000_000_000L);
        String log = Files.readString(broker.directory().resolve("mosquitto.log"));
        long attempts = log.lines().filter(line -> line.contains("New connection")).count();
        // backoff 200 ms doubling to 2 s: about 6 attempts in the first 3-4 s, never hundreds
        assertThat(attempts).as("connection attempts in the broker log:%n%s", log).isBetween(1L, 12L);
    }

    @Test
    public void tlsConnectsWithTheTrustStoreAndRefusesAnUntrustedOrMisnamedBrokerCertificate() throws Exception {
        TestCertificates good = TestCertificates.create("IP:127.0.0.1");
        MosquittoBroker broker = closeLater(MosquittoBroker.start(good.mosquittoTls()));
        String uri = "ssl://127.0.0.1:" + broker.port();
        CloudEndpoint trusted = tlsEndpoint("tls-ok", uri, good.trustStore());
        Await.until(Duration.ofSeconds(20), "TLS connection", () -> trusted.status().state() == ConnectionState.CONNECTED);

        TestCertificates otherCa = TestCertificates.create("IP:127.0.0.1");
        CloudEndpoint untrusted = tlsEndpoint("tls-untrusted", uri, otherCa.trustStore());
        String error = Await.until(Duration.ofSeconds(20), "TLS error", () -> untrusted.status().lastError());
        assertThat(error).contains("SSLHandshakeException").contains("PKIX");
        assertThat(untrusted.status().state()).isNotEqualTo(ConnectionState.CONNECTED);

        TestCertificates misnamed = TestCertificates.create("DNS:other.example");
        MosquittoBroker misnamedBroker = closeLater(MosquittoBroker.start(misnamed.mosquittoTls()));
        CloudEndpoint wrongHost = tlsEndpoint("tls-wrong-host", "ssl://127.0.0.1:" + misnamedBroker.port(),
                misnamed.trustStore());
        String hostError = Await.until(Duration.ofSeconds(20), "host name error", () -> wrongHost.status().lastError());
        assertThat(hostError).as("host name verification is on by default").containsIgnoringCase("127.0.0.1")
                .containsIgnoringCase("subject alternative");
    }

    private CloudEndpoint tlsEndpoint(String name, String uri, Path trustStore) throws Exception {
        endpoint(name, uri, "5", Map.of("trustStore", trustStore.toString(),
                "trustStorePassword", TestCertificates.PASSWORD));
        return service(CloudEndpoint.class, name);
    }

    private org.osgi.framework.Bundle bundleOf(String symbolicName) {
        for (org.osgi.framework.Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError(symbolicName + " not installed");
    }

    /** The endpoint's acknowledged count once it has not changed for 500 ms (and the connection is down). */
    private static long stableAcknowledged(CloudEndpoint endpoint) {
        Await.until(Duration.ofSeconds(30), "endpoint noticed the kill",
                () -> endpoint.status().state() != ConnectionState.CONNECTED);
        long[] last = {-1};
        long[] since = {System.nanoTime()};
        return Await.until(Duration.ofSeconds(30), "acknowledged count settled", () -> {
            long now = endpoint.status().acknowledged();
            if (now != last[0]) {
                last[0] = now;
                since[0] = System.nanoTime();
                return null;
            }
            return System.nanoTime() - since[0] >= 500_000_000L ? now : null;
        });
    }

    private static String refusal(CloudPublisher publisher, CloudMessage message) throws InterruptedException {
        try {
            publisher.publish(message).toCompletableFuture().get(10, TimeUnit.SECONDS);
            throw new AssertionError("accepted: " + message);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(CloudException.class);
            return e.getCause().getMessage();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer for " + message, e);
        }
    }

    /** Publishes {@code count} messages with metric n = from.. and returns their sequences once all are accepted. */
    @Test
    public void aFailoverRouteMovesToTheCloudWhileTheMecIsDownAndBackWithoutLosingAMessage() throws Exception {
        MosquittoBroker mecBroker = closeLater(MosquittoBroker.start());
        MosquittoBroker cloudBroker = closeLater(MosquittoBroker.start());
        Subscriber atMec = closeLater(new Subscriber(mecBroker.uri(), "sub-mec-r", "acme/gw-mec-r/#").connect());
        Subscriber atCloud = closeLater(new Subscriber(cloudBroker.uri(), "sub-cloud-r", "acme/gw-cloud-r/#").connect());
        endpoint("mec-r", mecBroker.uri(), "5");
        endpoint("cloud-r", cloudBroker.uri(), "5");
        CloudRoute route = failoverRoute("r", Map.of("failoverAfterMillis", 1000L, "failbackAfterMillis", 2000L));
        CloudEndpoint mec = service(CloudEndpoint.class, "mec-r");
        Await.until(Duration.ofSeconds(20), "MEC connected", () -> mec.status().state() == ConnectionState.CONNECTED);
        assertThat(route.status().active()).isEqualTo("mec-r");

        publish(route, 0, 300);
        long stopped = System.nanoTime();
        mecBroker.stop();
        publish(route, 300, 200); // into the MEC's outbox until the route fails over: kept there, not lost
        Await.until(Duration.ofSeconds(15), "failover to the cloud", () -> route.status().active().equals("cloud-r"));
        long failoverMillis = (System.nanoTime() - stopped) / 1_000_000;
        publish(route, 500, 300);
        atMec.close();
        mecBroker.restart();
        atMec.connect();
        Await.until(Duration.ofSeconds(20), "back to the MEC", () -> route.status().active().equals("mec-r"));
        publish(route, 800, 200);

        List<Long> all = arriveAtEither(atMec, atCloud, 1000);
        assertThat(numbers(atCloud)).as("published while failed over").containsAll(all.subList(500, 800))
                .allSatisfy(n -> assertThat(n).isBetween(300L, 799L));
        assertThat(numbers(atMec)).as("published before the failover and after the return")
                .containsAll(all.subList(0, 300)).containsAll(all.subList(800, 1000));
        for (Subscriber subscriber : List.of(atMec, atCloud)) {
            Map<Long, java.util.Set<String>> ids = new java.util.HashMap<>();
            subscriber.receivedOn("acme/").forEach(r -> ids.computeIfAbsent(number(r), n -> new java.util.HashSet<>())
                    .add(r.dedupId()));
            assertThat(ids.values()).as("a duplicate carries the same dedup identity").allSatisfy(set ->
                    assertThat(set).hasSize(1));
        }
        RouteStatus status = route.status();
        assertThat(status.failovers()).isEqualTo(1);
        assertThat(status.failbacks()).isEqualTo(1);
        assertThat(status.lastDecision()).startsWith("returned to mec-r: healthy again for");
        System.out.printf("route mec-then-cloud: failed over %d ms after the MEC broker stopped (failoverAfterMillis"
                + " 1000)%n", failoverMillis);
    }

    @Test
    public void aFailoverRouteLeavesAMecOverItsRoundTripBudgetAndReturnsWhenItIsFastAgain() throws Exception {
        MosquittoBroker mecBroker = closeLater(MosquittoBroker.start());
        MosquittoBroker cloudBroker = closeLater(MosquittoBroker.start());
        DelayProxy mecLink = closeLater(new DelayProxy(mecBroker.port(), 1));
        Subscriber atMec = closeLater(new Subscriber(mecBroker.uri(), "sub-mec-d", "acme/gw-mec-d/#").connect());
        Subscriber atCloud = closeLater(new Subscriber(cloudBroker.uri(), "sub-cloud-d", "acme/gw-cloud-d/#").connect());
        endpoint("mec-d", mecLink.uri(), "3.1.1");
        endpoint("cloud-d", cloudBroker.uri(), "3.1.1");
        // A budget of 200 ms: a burst of 100 on the fast link stays well under it even on a loaded box, while the
        // slow link's ~300 ms round trip is well over it.
        long budget = 200;
        CloudRoute route = failoverRoute("d", Map.of("failoverAfterMillis", 500L, "failbackAfterMillis", 1000L,
                "rttBudgetMillis", budget));
        CloudEndpoint mec = service(CloudEndpoint.class, "mec-d");
        Await.until(Duration.ofSeconds(20), "MEC connected", () -> mec.status().state() == ConnectionState.CONNECTED);

        publish(route, 0, 100);
        Await.until(Duration.ofSeconds(20), "first messages acknowledged by the MEC",
                () -> mec.status().acknowledged() >= 100);
        assertThat(route.status().active()).as("a fast MEC link").isEqualTo("mec-d");
        mecLink.delay(150); // a round trip of ~300 ms against a budget of 200 ms
        publish(route, 100, 100);
        Await.until(Duration.ofSeconds(20), "failover to the cloud", () -> route.status().active().equals("cloud-d"));
        assertThat(route.status().lastDecision()).contains("round trip").contains("over its budget of " + budget + " ms");
        publish(route, 200, 100);
        mecLink.delay(1);
        // No data goes to the MEC now; only the endpoint's round-trip probes can show that it is fast again.
        Await.until(Duration.ofSeconds(20), "back to the MEC once its round trip is within budget",
                () -> route.status().active().equals("mec-d"));
        publish(route, 300, 100);

        List<Long> all = arriveAtEither(atMec, atCloud, 400);
        assertThat(numbers(atCloud)).as("published while failed over").containsAll(all.subList(200, 300))
                .allSatisfy(n -> assertThat(n).isBetween(200L, 299L));
        assertThat(numbers(atMec)).as("published before the failover and after the return")
                .containsAll(all.subList(0, 200)).containsAll(all.subList(300, 400));
        RouteStatus status = route.status();
        assertThat(status.failovers()).isEqualTo(1);
        assertThat(status.failbacks()).isEqualTo(1);
        assertThat(mec.status().rttMillis()).as("the MEC's round trip once the link is fast").isLessThan(budget);
    }

    /** Route {@code mec-then-cloud-X} from endpoint {@code mec-X} to {@code cloud-X}, with {@code timing}. */
    private CloudRoute failoverRoute(String x, Map<String, Object> timing) throws Exception {
        Configuration configuration = configurationAdmin.getFactoryConfiguration("dev.continuum.cloud.route", x, "?");
        Hashtable<String, Object> properties = new Hashtable<>(timing);
        properties.putAll(Map.of("name", "mec-then-cloud-" + x, "policy", "FAILOVER", "primary", "mec-" + x,
                "secondary", "cloud-" + x));
        configuration.update(properties);
        cleanup.add(configuration::delete);
        ServiceTracker<CloudRoute, CloudRoute> tracker = new ServiceTracker<>(context, context.createFilter(
                "(&(objectClass=" + CloudRoute.class.getName() + ")(" + CloudPublisher.ROUTE + "=mec-then-cloud-" + x
                        + "))"), null);
        tracker.open();
        cleanup.add(tracker::close);
        CloudRoute route = tracker.waitForService(20_000);
        assertThat(route).as("the route service").isNotNull();
        return route;
    }

    /** Waits until messages 0..count-1 all arrived at one subscriber or the other; returns 0..count-1. */
    private static List<Long> arriveAtEither(Subscriber a, Subscriber b, int count) {
        List<Long> all = new ArrayList<>();
        for (long n = 0; n < count; n++) {
            all.add(n);
        }
        Await.until(Duration.ofSeconds(60), "every message at one of the brokers", () -> {
            List<Long> arrived = new ArrayList<>(numbers(a));
            arrived.addAll(numbers(b));
            return arrived.containsAll(all);
        });
        return all;
    }

    private static long number(Subscriber.Received received) {
        return ((Number) received.payload().metrics().get("n")).longValue();
    }

    private static List<Long> numbers(Subscriber subscriber) {
        return subscriber.receivedOn("acme/").stream().map(CloudMqttIT::number).toList();
    }

    private static List<Long> publish(CloudPublisher publisher, int from, int count) throws Exception {
        ConcurrentLinkedQueue<CompletableFuture<Accepted>> futures = new ConcurrentLinkedQueue<>();
        for (int n = from; n < from + count; n++) {
            futures.add(publisher.publish(CloudMessage.builder("it/data").metric("n", TypedValue.ofInteger(n))
                    .body(new byte[150]).build()).toCompletableFuture());
        }
        List<Long> sequences = new ArrayList<>();
        for (CompletableFuture<Accepted> future : futures) {
            sequences.add(future.get(30, TimeUnit.SECONDS).id().sequence());
        }
        return sequences;
    }

    private static List<Long> sequences(Subscriber subscriber) {
        return subscriber.receivedOn("acme/").stream().map(Subscriber.Received::sequence).toList();
    }

    private CloudPublisher endpoint(String name, String uri, String version) throws Exception {
        return endpoint(name, uri, version, Map.of());
    }

    private CloudPublisher endpoint(String name, String uri, String version, Map<String, Object> extra)
            throws Exception {
        Configuration configuration = configurationAdmin.getFactoryConfiguration(PID, name, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("name", name);
        properties.put("brokerUris", new String[] {uri});
        properties.put("protocolVersion", version);
        properties.put("clientId", "gw-" + name);
        properties.put("account", "acme");
        properties.put("backoffInitialMillis", 200L);
        properties.put("backoffMaxMillis", 2000L);
        properties.put("maxPayloadBytes", 4096);
        properties.put("keepAliveSeconds", 5);
        properties.putAll(extra);
        configuration.update(properties);
        cleanup.add(configuration::delete);
        return service(CloudPublisher.class, name);
    }

    private <T> T service(Class<T> type, String endpoint) throws Exception {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, context.createFilter(
                "(&(objectClass=" + type.getName() + ")(" + CloudPublisher.ENDPOINT + "=" + endpoint + "))"), null);
        tracker.open();
        cleanup.add(tracker::close);
        T service = tracker.waitForService(20_000);
        assertThat(service).as("%s for endpoint %s", type.getSimpleName(), endpoint).isNotNull();
        return service;
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        return cleanup.add(resource);
    }
}
