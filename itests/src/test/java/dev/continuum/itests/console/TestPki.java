package dev.continuum.itests.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small PKI made with the openssl command line for the certificate upload tests: a CA (EC P-256), a server
 * certificate for 127.0.0.1 it signed, the server's PKCS#12 key store (with the CA in its chain) and an empty
 * CRL the CA signed.
 *
 * @param dir where the files lie: ca.crt, server.crt, server.p12, ca.crl
 */
record TestPki(Path dir) {

    static final String STORE_PASSWORD = "itest-store-secret";

    static TestPki create() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("continuum-pki-");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("crlnumber"), "01\n");
        Files.writeString(dir.resolve("ca.cnf"), "[ca]\ndefault_ca=c\n[c]\ndatabase=index.txt\ncrlnumber=crlnumber\n"
                + "default_md=sha256\ndefault_crl_days=30\n");
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                "ca.key", "-out", "ca.crt", "-days", "30", "-subj", "/CN=Continuum Itest CA", "-addext",
                "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                "server.key", "-out", "server.csr", "-subj", "/CN=itest gateway");
        openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "30", "-extfile", "server.ext");
        openssl(dir, "pkcs12", "-export", "-inkey", "server.key", "-in", "server.crt", "-certfile", "ca.crt", "-out",
                "server.p12", "-passout", "pass:" + STORE_PASSWORD);
        openssl(dir, "ca", "-gencrl", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt", "-out", "ca.crl");
        return new TestPki(dir);
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
        }
    }
}
