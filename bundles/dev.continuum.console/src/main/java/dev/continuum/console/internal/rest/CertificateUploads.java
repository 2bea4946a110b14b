package dev.continuum.console.internal.rest;

import dev.continuum.console.internal.http.ApiError;
import dev.continuum.console.internal.http.Call;
import dev.continuum.console.internal.http.Router;
import dev.continuum.console.internal.security.AuditLog;
import dev.continuum.console.internal.security.HttpsSetup;
import dev.continuum.console.internal.security.Role;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CRL;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What an admin adds to the gateway's PKI from the Security page: CA and server certificates and CRLs for the
 * OPC UA trust lists ({@code DATA/opcua/pki/{trusted,issuers}/{certs,crl}}, read by the drivers on their next
 * connection attempt), and a replacement for the console's HTTPS key and certificate. Everything is parsed and
 * checked before it is written; a bad upload is refused with what was wrong and nothing changes.
 */
final class CertificateUploads {

    /** What the console shows of a CRL. */
    record CrlInfo(String file, String issuer, String thisUpdate, String nextUpdate, int revoked, String sha1) {
    }

    private static final int MAX_BODY = 1024 * 1024;
    private static final List<String> LISTS = List.of("trusted", "issuers");

    private final Path pki;
    private final AuditLog audit;
    private final HttpsSetup https;

    CertificateUploads(Path data, AuditLog audit, HttpsSetup https) {
        this.pki = data.resolve("opcua/pki");
        this.audit = audit;
        this.https = https;
    }

    void register(Router router) {
        router.add("POST", "/certificates/opcua/{list}/certs", Role.ADMIN, this::addCertificates);
        router.add("POST", "/certificates/opcua/{list}/crls", Role.ADMIN, this::addCrls);
        router.add("DELETE", "/certificates/opcua/{list}/crls/{sha1}", Role.ADMIN, this::removeCrl);
        router.add("POST", "/certificates/https", Role.ADMIN, this::replaceHttps);
    }

    /** The CRLs of both lists, for {@code GET /certificates}. */
    Map<String, List<CrlInfo>> crls() throws IOException {
        return Map.of("trusted", crls(pki.resolve("trusted/crl")), "issuers", crls(pki.resolve("issuers/crl")));
    }

    private Path list(Call call) {
        String list = call.param("list");
        if (!LISTS.contains(list)) {
            throw ApiError.notFound("no trust list '" + list + "'; the OPC UA lists are " + LISTS);
        }
        return pki.resolve(list);
    }

    private Object addCertificates(Call call) throws IOException, GeneralSecurityException {
        Path list = list(call);
        byte[] body = body(call, "a certificate (PEM or DER; a PEM file may hold several)");
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(body))) {
                certificates.add((X509Certificate) certificate);
            }
        } catch (GeneralSecurityException e) {
            throw ApiError.badRequest("the body is not an X.509 certificate in PEM or DER (" + e.getMessage() + ")");
        }
        if (certificates.isEmpty()) {
            throw ApiError.badRequest("the body holds no certificate; send a PEM (-----BEGIN CERTIFICATE-----) or DER file");
        }
        for (X509Certificate certificate : certificates) {
            String subject = certificate.getSubjectX500Principal().getName();
            if (list.endsWith("issuers") && certificate.getBasicConstraints() < 0) {
                throw ApiError.badRequest("'" + subject + "' is not a CA certificate (no basicConstraints CA:true);"
                        + " the issuers list holds the CAs that sign server certificates, a server's own certificate"
                        + " belongs in the trusted list");
            }
            try {
                certificate.checkValidity();
            } catch (GeneralSecurityException e) {
                throw ApiError.badRequest("'" + subject + "' is not valid now (" + certificate.getNotBefore() + " to "
                        + certificate.getNotAfter() + ")");
            }
        }
        Path dir = Files.createDirectories(list.resolve("certs"));
        List<CertificatesResource.Info> added = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            CertificatesResource.Info info = CertificatesResource.info("", certificate);
            String name = fileName(certificate.getSubjectX500Principal().getName()) + " [" + info.sha1() + "].der";
            Files.write(dir.resolve(name), certificate.getEncoded());
            added.add(CertificatesResource.info(name, certificate));
            audit.record(call.user(), call.address(), "certificate.add", list.getFileName() + ": " + info.subject()
                    + " (SHA-1 " + info.sha1() + ")");
        }
        return Map.of("added", added);
    }

    private Object addCrls(Call call) throws IOException, GeneralSecurityException {
        Path list = list(call);
        byte[] body = body(call, "a CRL (PEM or DER)");
        List<X509CRL> crls = new ArrayList<>();
        try {
            for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(new ByteArrayInputStream(body))) {
                crls.add((X509CRL) crl);
            }
        } catch (GeneralSecurityException e) {
            throw ApiError.badRequest("the body is not an X.509 CRL in PEM or DER (" + e.getMessage() + ")");
        }
        if (crls.isEmpty()) {
            throw ApiError.badRequest("the body holds no CRL; send a PEM (-----BEGIN X509 CRL-----) or DER file");
        }
        List<X509Certificate> cas = new ArrayList<>();
        for (Path dir : List.of(pki.resolve("trusted/certs"), pki.resolve("issuers/certs"))) {
            cas.addAll(certificates(dir));
        }
        for (X509CRL crl : crls) {
            if (cas.stream().noneMatch(ca -> signedBy(crl, ca))) {
                throw ApiError.badRequest("the CRL of '" + crl.getIssuerX500Principal().getName() + "' is not signed by"
                        + " a CA in the trusted or issuers list; add that CA's certificate first");
            }
        }
        Path dir = Files.createDirectories(list.resolve("crl"));
        List<CrlInfo> added = new ArrayList<>();
        for (X509CRL crl : crls) {
            String sha1 = sha1(crl.getEncoded());
            Path file = dir.resolve(fileName(crl.getIssuerX500Principal().getName()) + " [" + sha1 + "].crl");
            Files.write(file, crl.getEncoded());
            added.add(info(file.getFileName().toString(), crl));
            audit.record(call.user(), call.address(), "crl.add", list.getFileName() + ": "
                    + crl.getIssuerX500Principal().getName() + ", " + count(crl) + " revoked (SHA-1 " + sha1 + ")");
        }
        return Map.of("added", added);
    }

    /**
     * Replaces the HTTPS key and certificate with a PKCS#12 key store ({@code keystore}, its {@code password}):
     * one private key entry whose certificate is valid now and matches the key. Jetty restarts with it a
     * moment after the answer; the previous key store is kept as {@code https.p12.previous}.
     */
    private Object replaceHttps(Call call) throws IOException, GeneralSecurityException {
        String how = "send multipart/form-data with the part 'keystore' (a PKCS#12 file with one private key and"
                + " its certificate chain) and the part 'password'";
        String type = call.request().getContentType();
        if (type == null || !type.toLowerCase().startsWith("multipart/form-data")) {
            throw new ApiError(415, "unsupported_media_type", how);
        }
        Part storePart;
        Part passwordPart;
        try {
            storePart = call.request().getPart("keystore");
            passwordPart = call.request().getPart("password");
        } catch (ServletException | IllegalStateException e) {
            throw new ApiError(413, "too_large", "the upload could not be read (" + e.getMessage() + "); " + how);
        }
        if (storePart == null || passwordPart == null || storePart.getSize() > MAX_BODY) {
            throw ApiError.badRequest((storePart == null ? "the part 'keystore' is missing; "
                    : passwordPart == null ? "the part 'password' is missing; " : "the key store is too large; ") + how);
        }
        char[] password;
        try (InputStream in = passwordPart.getInputStream()) {
            password = new String(in.readNBytes(4096), StandardCharsets.UTF_8).trim().toCharArray();
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = storePart.getInputStream()) {
            store.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw ApiError.badRequest("the key store cannot be opened: not PKCS#12 or a wrong password ("
                    + e.getMessage() + ")");
        }
        List<String> keys = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                keys.add(alias);
            }
        }
        if (keys.size() != 1) {
            throw ApiError.badRequest("the key store must hold exactly one private key entry, it holds " + keys.size());
        }
        PrivateKey key = (PrivateKey) store.getKey(keys.get(0), password);
        Certificate[] chain = store.getCertificateChain(keys.get(0));
        if (key == null || chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
            throw ApiError.badRequest("the key entry '" + keys.get(0) + "' has no private key with an X.509 certificate");
        }
        try {
            certificate.checkValidity();
        } catch (GeneralSecurityException e) {
            throw ApiError.badRequest("the certificate '" + certificate.getSubjectX500Principal().getName()
                    + "' is not valid now (" + certificate.getNotBefore() + " to " + certificate.getNotAfter() + ")");
        }
        if (!matches(key, certificate.getPublicKey())) {
            throw ApiError.badRequest("the private key does not belong to the certificate '"
                    + certificate.getSubjectX500Principal().getName() + "'");
        }
        https.replace(key, chain);
        CertificatesResource.Info info = CertificatesResource.info("https.p12", certificate);
        audit.record(call.user(), call.address(), "certificate.https.replace", info.subject() + " (SHA-256 "
                + info.sha256() + ")");
        return Map.of("https", info, "message", "HTTPS restarts with the new certificate in a moment; reconnect");
    }

    private static byte[] body(Call call, String what) throws IOException {
        try (InputStream in = call.request().getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new ApiError(413, "too_large", "send " + what + " of at most " + MAX_BODY + " bytes");
            }
            if (body.length == 0) {
                throw ApiError.badRequest("the body is empty; send " + what);
            }
            return body;
        }
    }

    /** Whether {@code key} signs what {@code publicKey} verifies. */
    private static boolean matches(PrivateKey key, PublicKey publicKey) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw ApiError.badRequest("keys of type " + key.getAlgorithm() + " are not accepted; use RSA,"
                    + " EC or Ed25519");
        };
        byte[] probe = "continuum-key-check".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(probe);
        return verifier.verify(signature);
    }

    private static boolean signedBy(X509CRL crl, X509Certificate ca) {
        if (!ca.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
            return false;
        }
        try {
            crl.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<X509Certificate> certificates(Path dir) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : files(dir, ".der", ".crt", ".pem")) {
            try (InputStream in = Files.newInputStream(file)) {
                certificates.add((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
            } catch (GeneralSecurityException | ClassCastException e) {
                // Not a certificate: CertificatesResource lists it as unreadable.
            }
        }
        return certificates;
    }

    /** Deletes the CRL with the SHA-1 (of its DER encoding) from a list's {@code crl} folder. */
    private Object removeCrl(Call call) throws IOException {
        Path list = list(call);
        String sha1 = call.param("sha1");
        for (CrlInfo crl : crls(list.resolve("crl"))) {
            if (crl.sha1().equalsIgnoreCase(sha1)) {
                Files.delete(list.resolve("crl").resolve(crl.file()));
                audit.record(call.user(), call.address(), "crl.remove", list.getFileName() + ": " + crl.issuer()
                        + ", " + crl.revoked() + " revoked (SHA-1 " + crl.sha1() + ")");
                return Map.of("removed", crl.sha1());
            }
        }
        throw ApiError.notFound("no CRL with SHA-1 " + sha1 + " in the " + list.getFileName() + " list;"
                + " GET /api/v1/certificates lists them under opcua.crls");
    }

    private static List<CrlInfo> crls(Path dir) throws IOException {
        List<CrlInfo> crls = new ArrayList<>();
        for (Path file : files(dir, ".crl")) {
            try (InputStream in = Files.newInputStream(file)) {
                crls.add(info(file.getFileName().toString(), (X509CRL) CertificateFactory.getInstance("X.509")
                        .generateCRL(in)));
            } catch (GeneralSecurityException | ClassCastException e) {
                crls.add(new CrlInfo(file.getFileName().toString(), "(not a readable CRL: " + e.getMessage() + ")", "",
                        "", 0, ""));
            }
        }
        return crls;
    }

    private static List<Path> files(Path dir, String... suffixes) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Stream.of(suffixes).anyMatch(s -> f.toString().endsWith(s))).sorted().toList();
        }
    }

    private static CrlInfo info(String file, X509CRL crl) throws GeneralSecurityException {
        return new CrlInfo(file, crl.getIssuerX500Principal().getName(), crl.getThisUpdate().toInstant().toString(),
                crl.getNextUpdate() == null ? "" : crl.getNextUpdate().toInstant().toString(), count(crl),
                sha1(crl.getEncoded()));
    }

    private static int count(X509CRL crl) {
        return crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
    }

    private static String sha1(byte[] bytes) throws GeneralSecurityException {
        return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    /** A subject as a file name: its characters other than letters, digits and {@code =,. -} dropped. */
    private static String fileName(String subject) {
        String name = subject.replaceAll("[^A-Za-z0-9=,. -]", "");
        return name.length() > 80 ? name.substring(0, 80) : name;
    }
}
