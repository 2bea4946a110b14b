package dev.continuum.opcua.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** One OPC UA server endpoint (a factory configuration of {@value OpcUaDriver#PID}). */
@ObjectClassDefinition(name = "Continuum OPC UA driver",
        description = "A connection to one OPC UA server. Assets refer to it by its instance name.")
public @interface DriverConfig {

    String DEFAULT_POLICY = "Basic256Sha256";
    String DEFAULT_MODE = "SignAndEncrypt";
    int DEFAULT_RECONNECT_MAX_MS = 2000;

    @AttributeDefinition(name = "Instance name", description = "Unique name; assets use it as driver.instance.")
    String driver_instance();

    @AttributeDefinition(name = "Endpoint URL", description = "opc.tcp://host:port/path of the server.")
    String endpointUrl();

    @AttributeDefinition(name = "Security policy", options = {
        @Option(label = "None (only with allowNone)", value = "None"),
        @Option(label = "Basic256Sha256", value = "Basic256Sha256"),
        @Option(label = "Aes128_Sha256_RsaOaep", value = "Aes128_Sha256_RsaOaep"),
        @Option(label = "Aes256_Sha256_RsaPss", value = "Aes256_Sha256_RsaPss")})
    String securityPolicy() default DEFAULT_POLICY;

    @AttributeDefinition(name = "Security mode", options = {
        @Option(label = "Sign", value = "Sign"), @Option(label = "SignAndEncrypt", value = "SignAndEncrypt")})
    String securityMode() default DEFAULT_MODE;

    @AttributeDefinition(name = "Allow security None", description = "Accept an unsecured connection. Off by default.")
    boolean allowNone() default false;

    @AttributeDefinition(name = "User identity", options = {
        @Option(label = "Anonymous", value = "anonymous"), @Option(label = "User name", value = "username"),
        @Option(label = "X.509 certificate", value = "x509")})
    String identity() default "anonymous";

    @AttributeDefinition(name = "User name", required = false)
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false)
    String password() default "";

    @AttributeDefinition(name = "X.509 user key store", required = false,
            description = "PKCS#12 file with the user certificate and key (identity x509); the password above opens it.")
    String userKeyStore() default "";

    @AttributeDefinition(name = "Publishing interval (ms)", description = "Default for channels without publishing.interval.")
    double publishingInterval() default 100;

    @AttributeDefinition(name = "Sampling interval (ms)", description = "Default for channels without sampling.interval.")
    double samplingInterval() default 100;

    @AttributeDefinition(name = "Queue size", description = "Default monitored item queue size.")
    int queueSize() default 10;

    @AttributeDefinition(name = "Monitored items per call", description = "Batch size when creating monitored items.")
    int itemsPerCall() default 1000;

    @AttributeDefinition(name = "Request timeout (ms)")
    int requestTimeout() default 10_000;

    @AttributeDefinition(name = "Keep-alive interval (ms)", description = "How often the session is probed; a lost server is noticed after about twice this.")
    int keepAliveInterval() default 2000;

    @AttributeDefinition(name = "First reconnect delay (ms)")
    int reconnectMinDelay() default 250;

    @AttributeDefinition(name = "Longest reconnect delay (ms)", description = "Cap of the exponential back-off (±20 % jitter).")
    int reconnectMaxDelay() default DEFAULT_RECONNECT_MAX_MS;
}
