package dev.continuum.opcua.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;

/**
 * The trust list for server certificates: {@code <pki>/trusted/certs} (and {@code trusted/crl},
 * {@code issuers/...}) decide, Milo's default client validator checks the chain, validity, host name
 * and application URI. A rejected certificate is written to {@code <pki>/rejected/} and the error says
 * which certificate it is and where to copy it to trust it.
 *
 * <p>The folders are read anew for every connection attempt, so trusting a certificate takes effect on
 * the next retry without a restart.
 */
final class TrustStore {

    private final Path pki;
    private final AtomicReference<String> lastRejection = new AtomicReference<>("");

    TrustStore(Path pki) throws IOException {
        this.pki = pki;
        Files.createDirectories(pki.resolve("trusted").resolve("certs"));
        Files.createDirectories(rejected());
    }

    Path trustedCerts() {
        return pki.resolve("trusted").resolve("certs");
    }

    Path rejected() {
        return pki.resolve("rejected");
    }

    /** The reason of the last rejection, empty if none since {@link #validator()} was created. */
    String lastRejection() {
        return lastRejection.get();
    }

    /** A validator over the folders as they are now; close the returned trust list after the attempt. */
    Validator validator() throws IOException {
        lastRejection.set("");
        FileBasedTrustListManager trustList = FileBasedTrustListManager.createAndInitialize(pki);
        return new Validator(trustList, new DefaultClientCertificateValidator(trustList, new Quarantine()));
    }

    /** A validator and the trust list it reads; {@link #close()} releases the trust list. */
    final class Validator implements CertificateValidator, AutoCloseable {
        private final FileBasedTrustListManager trustList;
        private final CertificateValidator delegate;

        Validator(FileBasedTrustListManager trustList, CertificateValidator delegate) {
            this.trustList = trustList;
            this.delegate = delegate;
        }

        @Override
        public void validateCertificateChain(List<X509Certificate> chain, String applicationUri, String[] hostnames)
                throws UaException {
            try {
                delegate.validateCertificateChain(chain, applicationUri, hostnames);
            } catch (UaException e) {
                X509Certificate leaf = chain.get(0);
                Path file = reject(leaf);
                String reason = "server certificate '" + leaf.getSubjectX500Principal().getName() + "' (SHA-1 "
                        + thumbprint(leaf) + ") rejected: " + e.getMessage() + "; it was saved as " + file
                        + "; to trust it, copy it to " + trustedCerts();
                lastRejection.set(reason);
                throw new UaException(e.getStatusCode().getValue(), reason, e);
            }
        }

        @Override
        public void close() {
            try {
                trustList.close();
            } catch (IOException e) {
                // nothing held that matters: the next attempt opens the folders again
            }
        }
    }

    private Path reject(X509Certificate certificate) {
        String name = certificate.getSubjectX500Principal().getName().replaceAll("[^A-Za-z0-9=,. -]", "_")
                + " [" + thumbprint(certificate) + "].der";
        Path file = rejected().resolve(name);
        try {
            Files.write(file, certificate.getEncoded());
        } catch (IOException | CertificateEncodingException e) {
            return rejected().resolve("(could not be written: " + e.getMessage() + ")");
        }
        return file;
    }

    static String thumbprint(X509Certificate certificate) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
            return HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** Milo's quarantine hook: rejected certificates are written by the validator above. */
    private static final class Quarantine implements CertificateQuarantine {
        @Override
        public List<X509Certificate> getRejectedCertificates() {
            return List.of();
        }

        @Override
        public void addRejectedCertificate(X509Certificate certificate) {
            // written with its reason by Validator
        }

        @Override
        public void removeRejectedCertificate(X509Certificate certificate) {
            // nothing kept
        }
    }
}
