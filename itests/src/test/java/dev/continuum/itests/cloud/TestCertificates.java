package dev.continuum.itests.cloud;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway CA and a broker certificate signed by it (openssl), plus the CA as a PKCS12 trust store
 * (keytool), for the TLS tests.
 *
 * @param dir where the files are
 * @param trustStore PKCS12 with the CA, password {@link #PASSWORD}
 */
record TestCertificates(Path dir, Path trustStore) {

    static final String PASSWORD = "changeit";

    Path caFile() {
        return dir.resolve("ca.pem");
    }

    Path certFile() {
        return dir.resolve("server.pem");
    }

    Path keyFile() {
        return dir.resolve("server.key");
    }

    /** Mosquitto configuration lines that turn the test listener into TLS with this certificate. */
    List<String> mosquittoTls() {
        return List.of("cafile " + caFile(), "certfile " + certFile(), "keyfile " + keyFile());
    }

    /** @param subjectAltName e.g. {@code IP:127.0.0.1} or {@code DNS:other.example} */
    static TestCertificates create(String subjectAltName) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("certs-");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=continuum-test-ca");
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=broker");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=" + subjectAltName + "\n", StandardCharsets.UTF_8);
        run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.ext");
        run(dir, Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert", "-noprompt",
                "-alias", "ca", "-file", "ca.pem", "-keystore", "trust.p12", "-storetype", "PKCS12", "-storepass",
                PASSWORD);
        // Mosquitto may run as another user when started as root: let it read the key.
        dir.resolve("server.key").toFile().setReadable(true, false);
        return new TestCertificates(dir, dir.resolve("trust.p12"));
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: "
                    + Files.readString(dir.resolve("openssl.log")));
        }
    }
}
