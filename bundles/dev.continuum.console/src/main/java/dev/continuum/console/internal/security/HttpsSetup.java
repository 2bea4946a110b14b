package dev.continuum.console.internal.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTPS for the management plane. On first start it creates a self-signed certificate (EC P-256, ten
 * years, names: localhost, the host name and every address of this machine) in
 * {@code DATA/security/https.p12} with a random password in {@code DATA/security/https.password} (both
 * owner-only), by running the JDK's {@code keytool}; then it configures the HTTP service (PID
 * {@value #JETTY_PID}) to serve HTTPS on the framework property {@value #SECURE_PORT} (default 8443) and
 * plain HTTP only as configured ({@link SecurityConfig#httpMode()}). Replacing those two files with an
 * operator's own PKCS#12 key store and password, then restarting, replaces the certificate.
 *
 * <p>The console feature sets {@code org.apache.felix.http.require.config}: Jetty waits for this
 * configuration instead of starting on plain HTTP and restarting when it arrives (one start, not two, on
 * every gateway start). So a configuration is always delivered, also when HTTPS cannot be set up: then
 * plain HTTP alone, with the error in the log.
 */
@Component(service = HttpsSetup.class, configurationPid = SecurityConfig.PID, immediate = true)
public final class HttpsSetup {

    static final String JETTY_PID = "org.apache.felix.http";
    static final String SECURE_PORT = "org.osgi.service.http.port.secure";
    static final String KEYSTORE = "security/https.p12";
    static final String PASSWORD = "security/https.password";
    static final String FINGERPRINT = "continuum.https.keystore.sha256";
    private static final long RESTART_DELAY_MILLIS = 500;
    private static final int PKCS12_ITERATIONS = 1;
    private static final Logger LOG = LoggerFactory.getLogger(HttpsSetup.class);

    private final Path data;
    private final ConfigurationAdmin configAdmin;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "continuum-https"));
    private final int port;
    private volatile boolean httpsActive;
    private volatile boolean loopbackHttp;
    private volatile String httpMode;

    @Activate
    public HttpsSetup(BundleContext context, @Reference ConfigurationAdmin configAdmin, SecurityConfig config) {
        String dir = context.getProperty("continuum.data");
        this.data = Path.of(dir == null ? "data" : dir);
        this.configAdmin = configAdmin;
        String secure = context.getProperty(SECURE_PORT);
        this.port = secure == null ? 8443 : Integer.parseInt(secure.trim());
        modified(config);
    }

    @Modified
    void modified(SecurityConfig config) {
        loopbackHttp = config.loopbackHttp();
        httpMode = config.httpMode();
        worker.execute(this::apply);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** The HTTPS port once HTTPS is configured, else -1. */
    public int securePort() {
        return httpsActive ? port : -1;
    }

    public boolean loopbackHttp() {
        return loopbackHttp;
    }

    private void apply() {
        try {
            Path keystore = data.resolve(KEYSTORE);
            Path passwordFile = data.resolve(PASSWORD);
            if (!Files.exists(keystore)) {
                generate(keystore, passwordFile);
            }
            String password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
            Map<String, Object> wanted = Map.of(
                    "org.apache.felix.https.enable", true,
                    "org.apache.felix.https.keystore", keystore.toAbsolutePath().toString(),
                    "org.apache.felix.https.keystore.password", password,
                    "org.apache.felix.https.keystore.key.password", password,
                    "org.apache.felix.https.keystore.type", "PKCS12",
                    // Changes when the key store is replaced, so that Jetty restarts with the new certificate.
                    FINGERPRINT, fingerprint(keystore),
                    "org.apache.felix.http.enable", !"off".equals(httpMode));
            if (configureJetty(wanted)) {
                LOG.info("HTTPS on port {} with the certificate in {}; plain HTTP {}", port, keystore,
                        "off".equals(httpMode) ? "off" : "redirects to it");
            }
            httpsActive = true;
        } catch (IOException | RuntimeException e) {
            LOG.error("HTTPS not configured; the management plane stays on plain HTTP", e);
            startPlainHttp();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Replaces the HTTPS key and certificate chain (checked by the caller). The key store is rewritten under
     * the gateway's password (the previous one kept as {@code https.p12.previous}) and Jetty is reconfigured
     * a moment later, after the caller's answer went out.
     */
    public void replace(PrivateKey key, Certificate[] chain) throws IOException, GeneralSecurityException {
        Path keystore = data.resolve(KEYSTORE);
        Path passwordFile = data.resolve(PASSWORD);
        if (!Files.exists(passwordFile)) {
            throw new IOException("HTTPS is not set up on this gateway (" + passwordFile + " is missing)");
        }
        char[] password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("continuum", key, password, chain);
        Path temp = keystore.resolveSibling("https.p12.tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            store.store(out, password);
        }
        Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        if (Files.exists(keystore)) {
            Files.copy(keystore, keystore.resolveSibling("https.p12.previous"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(temp, keystore, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        LOG.info("HTTPS key store replaced in {}; restarting HTTPS", keystore);
        worker.execute(() -> {
            try {
                Thread.sleep(RESTART_DELAY_MILLIS);
                apply();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static String fingerprint(Path keystore) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(keystore)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Jetty waits for its configuration: without HTTPS it still has to start, on plain HTTP. */
    private void startPlainHttp() {
        try {
            configureJetty(Map.of("org.apache.felix.https.enable", false, "org.apache.felix.http.enable", true));
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot configure the HTTP service at all", e);
        }
    }

    /** Puts {@code wanted} into the HTTP service's configuration; updates it only when a value changed. */
    private boolean configureJetty(Map<String, Object> wanted) throws IOException {
        Configuration jetty = configAdmin.getConfiguration(JETTY_PID, null);
        Dictionary<String, Object> current = jetty.getProperties();
        Dictionary<String, Object> next = current == null ? new Hashtable<>() : current;
        boolean changed = current == null;
        for (Map.Entry<String, Object> entry : wanted.entrySet()) {
            if (!Objects.equals(next.get(entry.getKey()), entry.getValue())) {
                next.put(entry.getKey(), entry.getValue());
                changed = true;
            }
        }
        if (changed) {
            jetty.update(next);
        }
        return changed;
    }

    private static void generate(Path keystore, Path passwordFile) throws IOException, InterruptedException {
        Files.createDirectories(keystore.getParent());
        String password = PasswordHash.randomPassword(32);
        AdminCredentials.writeOwnerOnly(passwordFile, password + "\n");
        Path temp = keystore.resolveSibling("https.p12.tmp");
        Files.deleteIfExists(temp);
        String host = InetAddress.getLocalHost().getHostName();
        // The store's password is 32 random characters (~190 bits): PKCS#12's key-stretching iterations
        // (10,000 by default) protect guessable passwords only, and Jetty pays for them on every start, on the
        // thread the console's first answer waits for; so does decrypting the certificate, which is public.
        // The key stays encrypted (PBES2, AES-256) and the file MAC-protected, under that password.
        ProcessBuilder keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-Dkeystore.pkcs12.macIterationCount=" + PKCS12_ITERATIONS,
                "-J-Dkeystore.pkcs12.keyPbeIterationCount=" + PKCS12_ITERATIONS,
                "-J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE",
                "-genkeypair", "-alias", "continuum", "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-validity", "3650", "-dname", "CN=" + host + ", O=Continuum gateway",
                "-ext", "SAN=" + subjectAltNames(host), "-storetype", "PKCS12", "-keystore", temp.toString(),
                "-storepass:env", "CONTINUUM_KS", "-keypass:env", "CONTINUUM_KS")
                .redirectErrorStream(true);
        keytool.environment().put("CONTINUUM_KS", password);
        Process process = keytool.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool could not create the HTTPS certificate: " + output.trim());
        }
        Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.move(temp, keystore, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        LOG.info("created the gateway's self-signed HTTPS certificate for {} in {}", subjectAltNames(host), keystore);
    }

    private static String subjectAltNames(String host) throws IOException {
        Set<String> names = new LinkedHashSet<>(List.of("dns:localhost", "ip:127.0.0.1", "ip:::1"));
        if (host.matches("[A-Za-z0-9.-]+")) {
            names.add("dns:" + host);
        }
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                String text = address.getHostAddress();
                int zone = text.indexOf('%');
                names.add("ip:" + (zone > 0 ? text.substring(0, zone) : text));
            }
        }
        return String.join(",", names);
    }
}
