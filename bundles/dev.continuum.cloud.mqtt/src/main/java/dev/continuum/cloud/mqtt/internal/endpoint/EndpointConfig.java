package dev.continuum.cloud.mqtt.internal.endpoint;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** One northbound MQTT endpoint (factory configuration {@value #PID}). */
@ObjectClassDefinition(id = EndpointConfig.PID, name = "Continuum MQTT endpoint",
        description = "A northbound MQTT broker (MEC or cloud) fed from a durable outbox, Kura namespace and payloads.")
public @interface EndpointConfig {

    String PID = "dev.continuum.cloud.mqtt.endpoint";

    /**
     * Default of {@link #kuraGzipMinBytes()}: 256 bytes, what the gateway always did, so that an upgrade sends
     * no more bytes on a metered link (a 690-byte payload gzips to 330). A gateway whose CPU matters more than its
     * bytes sets 1024: each try costs 10-20 microseconds, and below 1 KB it saves a few hundred bytes at most.
     */
    int KURA_GZIP_MIN_BYTES = 256;

    @AttributeDefinition(description = "Endpoint name, published as the continuum.cloud.endpoint service property"
            + " (e.g. cloud, mec); also names the outbox file.")
    String name() default "cloud";

    @AttributeDefinition(description = "Broker URIs tried in order (failover): tcp://, ssl://, ws://, wss://")
    String[] brokerUris() default {"tcp://127.0.0.1:1883"};

    @AttributeDefinition(description = "Framework property whose value (comma-separated URIs), when set, replaces"
            + " brokerUris; the simulator profile uses continuum.cloud.broker (./gw run --broker URI)", required = false)
    String brokerProperty() default "";

    @AttributeDefinition(description = "MQTT protocol version", options = {
        @Option(value = "5", label = "MQTT 5"), @Option(value = "3.1.1", label = "MQTT 3.1.1")})
    String protocolVersion() default "5";

    @AttributeDefinition(description = "MQTT client id, also the Kura client-id topic level")
    String clientId() default "continuum-gateway";

    @AttributeDefinition(description = "Kura/Kapua account name (first topic level)")
    String account() default "continuum";

    @AttributeDefinition(description = "Gateway id in every message's dedup identity; empty = the client id", required = false)
    String gatewayId() default "";

    @AttributeDefinition(description = "Prefix of Kura control topics")
    String controlPrefix() default "$EDC";

    @AttributeDefinition(required = false)
    String username() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false)
    String password() default "";

    @AttributeDefinition(description = "PKCS12 (.p12) or JKS (.jks) trust store with the broker's CA; empty = JVM default",
            required = false)
    String trustStore() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false)
    String trustStorePassword() default "";

    @AttributeDefinition(description = "PKCS12 or JKS key store with the X.509 client certificate and key", required = false)
    String keyStore() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false)
    String keyStorePassword() default "";

    @AttributeDefinition(description = "Check that the broker certificate names the broker host (keep on)")
    boolean hostnameVerification() default true;

    int keepAliveSeconds() default 30;

    @AttributeDefinition(description = "MQTT 5 clean start / MQTT 3.1.1 clean session")
    boolean cleanStart() default true;

    @AttributeDefinition(description = "MQTT 5 session expiry interval in seconds")
    long sessionExpirySeconds() default 0;

    @AttributeDefinition(description = "QoS 1 messages in flight (Paho's own default of 10 is far too low)")
    int maxInflight() default 1000;

    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(description = "First reconnect delay; doubles per failure up to the maximum, with jitter")
    long backoffInitialMillis() default 1000;

    long backoffMaxMillis() default 60_000;

    @AttributeDefinition(description = "When a publish is confirmed: SYNC_EACH, GROUP_COMMIT or MEMORY (explicit opt-in:"
            + " lost on restart)")
    String durability() default "GROUP_COMMIT";

    @AttributeDefinition(description = "GROUP_COMMIT: least milliseconds between two fsyncs")
    long syncIntervalMillis() default 5;

    @AttributeDefinition(description = "Outbox capacity in bytes")
    long capacityBytes() default 256L * 1024 * 1024;

    @AttributeDefinition(description = "Undelivered messages older than this are dropped (counted); 0 = keep forever")
    long maxAgeSeconds() default 0;

    @AttributeDefinition(description = "When the outbox is full: REJECT_NEW or DROP_OLDEST")
    String fullPolicy() default "REJECT_NEW";

    @AttributeDefinition(description = "Largest encoded payload accepted")
    int maxPayloadBytes() default 1024 * 1024;

    @AttributeDefinition(description = "Wire format: KURA (Kura/Kapua namespace, KuraPayload), JSON (plain JSON on"
            + " topicTemplate) or SPARKPLUG_B (Eclipse Sparkplug B: NBIRTH/NDEATH, DBIRTH/DDATA per asset)", options = {
        @Option(value = "KURA", label = "Kura"), @Option(value = "JSON", label = "Plain JSON"),
        @Option(value = "SPARKPLUG_B", label = "Sparkplug B")})
    String format() default "KURA";

    @AttributeDefinition(description = "KURA: data payloads of at least this many bytes are gzipped when that makes"
            + " them smaller (each try costs 10-20 microseconds of CPU, also when it saves nothing); 0 = never")
    int kuraGzipMinBytes() default KURA_GZIP_MIN_BYTES;

    @AttributeDefinition(description = "JSON: publish topic template; placeholders {gatewayId}, {clientId}, {account},"
            + " {topic} (the publisher's topic), {asset} (its first level), {channel} (the levels after the first)")
    String topicTemplate() default "continuum/{gatewayId}/{topic}";

    @AttributeDefinition(description = "JSON: retained online/offline status topic (also the will); placeholders"
            + " {gatewayId}, {clientId}, {account}; empty = none", required = false)
    String statusTopic() default "continuum/{gatewayId}/status";

    @AttributeDefinition(description = "SPARKPLUG_B: group id (spBv1.0/GROUP/...)")
    String sparkplugGroupId() default "continuum";

    @AttributeDefinition(description = "SPARKPLUG_B: edge node id; empty = the client id", required = false)
    String sparkplugEdgeNodeId() default "";

    @AttributeDefinition(description = "SPARKPLUG_B: NBIRTH/DBIRTH declare a numeric alias per metric and DDATA"
            + " carries the alias instead of the name (smaller messages)")
    boolean sparkplugAliases() default false;

    @AttributeDefinition(description = "Topic of the empty QoS 1 probes that measure the round trip while no data"
            + " flows (the primary of a FAILOVER route with an rttBudgetMillis, while failed over); placeholder"
            + " {clientId}")
    String probeTopic() default "continuum/probe/{clientId}";

    @AttributeDefinition(description = "Directory of the outbox file; empty = <continuum.data>/outbox", required = false)
    String storeDirectory() default "";
}
