package dev.continuum.console.internal.rest;

import dev.continuum.console.internal.http.ApiError;
import dev.continuum.console.internal.http.Call;
import dev.continuum.console.internal.http.Router;
import dev.continuum.console.internal.security.AuditLog;
import dev.continuum.console.internal.security.Role;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code /certificates}: the console's HTTPS certificate and the OPC UA PKI the drivers use
 * ({@code DATA/opcua/pki}: the gateway's own certificate, the trusted servers and issuers, and the server
 * certificates the drivers rejected). An admin trusts a rejected certificate (moved into
 * {@code trusted/certs}: the driver connects on its next retry) or removes one from the trust list.
 * Certificates are named by their SHA-1 thumbprint, as OPC UA does.
 */
final class CertificatesResource {

    /** What the console shows of a certificate. */
    record Info(String file, String subject, String issuer, String notBefore, String notAfter, boolean expired,
            String sha1, String sha256) {
    }

    private final Path data;
    private final AuditLog audit;
    private final CertificateUploads uploads;

    CertificatesResource(Path data, AuditLog audit, CertificateUploads uploads) {
        this.data = data;
        this.audit = audit;
        this.uploads = uploads;
    }

    void register(Router router) {
        router.add("GET", "/certificates", Role.VIEWER, call -> {
            Map<String, Object> opcua = new LinkedHashMap<>();
            opcua.put("directory", pki().toString());
            opcua.put("own", list(pki().resolve("own")).stream().findFirst().orElse(null));
            opcua.put("trusted", list(trusted()));
            opcua.put("issuers", list(pki().resolve("issuers/certs")));
            opcua.put("rejected", list(rejected()));
            opcua.put("crls", uploads.crls());
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("https", https());
            all.put("opcua", opcua);
            return all;
        });
        router.add("POST", "/certificates/opcua/rejected/{thumbprint}/trust", Role.ADMIN, this::trust);
        uploads.register(router);
        router.add("DELETE", "/certificates/opcua/rejected/{thumbprint}", Role.ADMIN, call -> remove(call, rejected(),
                "certificate.discard"));
        router.add("DELETE", "/certificates/opcua/trusted/{thumbprint}", Role.ADMIN, call -> remove(call, trusted(),
                "certificate.untrust"));
        router.add("DELETE", "/certificates/opcua/issuers/{thumbprint}", Role.ADMIN, call -> remove(call,
                pki().resolve("issuers/certs"), "certificate.untrust"));
    }

    private Path pki() {
        return data.resolve("opcua/pki");
    }

    private Path trusted() {
        return pki().resolve("trusted/certs");
    }

    private Path rejected() {
        return pki().resolve("rejected");
    }

    private Object trust(Call call) throws IOException {
        Path file = find(rejected(), call.param("thumbprint"));
        Files.createDirectories(trusted());
        Path target = trusted().resolve(file.getFileName());
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        Info info = read(target);
        audit.record(call.user(), call.address(), "certificate.trust", info.subject() + " (SHA-1 " + info.sha1() + ")");
        return info;
    }

    private Object remove(Call call, Path dir, String action) throws IOException {
        Path file = find(dir, call.param("thumbprint"));
        Info info = read(file);
        Files.delete(file);
        audit.record(call.user(), call.address(), action, info.subject() + " (SHA-1 " + info.sha1() + ")");
        return Map.of("removed", info.sha1());
    }

    private Path find(Path dir, String sha1) throws IOException {
        for (Path file : files(dir)) {
            if (read(file).sha1().equalsIgnoreCase(sha1)) {
                return file;
            }
        }
        throw ApiError.notFound("no certificate with SHA-1 " + sha1 + " in " + dir + "; GET /api/v1/certificates"
                + " lists them");
    }

    private List<Info> list(Path dir) throws IOException {
        List<Info> infos = new ArrayList<>();
        for (Path file : files(dir)) {
            infos.add(read(file));
        }
        return infos;
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".der") || f.toString().endsWith(".crt")
                    || f.toString().endsWith(".pem")).sorted().toList();
        }
    }

    private static Info read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return info(file.getFileName().toString(), (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        } catch (GeneralSecurityException | ClassCastException e) {
            return new Info(file.getFileName().toString(), "(not a readable X.509 certificate: " + e.getMessage() + ")",
                    "", "", "", false, "", "");
        }
    }

    private Info https() throws IOException {
        Path store = data.resolve("security/https.p12");
        Path password = data.resolve("security/https.password");
        if (!Files.exists(store) || !Files.exists(password)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, Files.readString(password).trim().toCharArray());
            for (String alias : Collections.list(keys.aliases())) {
                Certificate certificate = keys.getCertificate(alias);
                if (certificate instanceof X509Certificate x509) {
                    return info(store.getFileName().toString(), x509);
                }
            }
            return null;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read " + store + ": " + e.getMessage(), e);
        }
    }

    static Info info(String file, X509Certificate certificate) throws GeneralSecurityException {
        byte[] der = certificate.getEncoded();
        HexFormat hex = HexFormat.of().withUpperCase();
        return new Info(file, certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(), certificate.getNotBefore().toInstant().toString(),
                certificate.getNotAfter().toInstant().toString(),
                certificate.getNotAfter().toInstant().isBefore(java.time.Instant.now()),
                hex.formatHex(MessageDigest.getInstance("SHA-1").digest(der)),
                hex.formatHex(MessageDigest.getInstance("SHA-256").digest(der)));
    }
}
