package dev.continuum.launcher;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Signature;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * One-time JDK initialisations that the runtime's start would otherwise do on its critical path: Jetty 12
 * builds its MIME and charset tables from {@link Locale#getAvailableLocales()} (the list of every CLDR
 * locale, computed once per JVM) and its HTTPS connector looks up the JSSE, PKCS#12 and EC providers, all
 * on ConfigAdmin's update thread, which the console's first answer waits for. Run on the logging set-up
 * thread while the main thread initialises the framework, where the second core has time to spare
 * (docs/benchmarks.md, start-up). Failures are ignored: this only moves work earlier.
 */
final class JdkWarmup {

    private JdkWarmup() {
    }

    static void run() {
        Locale.getAvailableLocales();
        try {
            KeyStore.getInstance("PKCS12");
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            SSLContext.getInstance("TLS");
            Signature.getInstance("SHA256withECDSA");
        } catch (GeneralSecurityException | RuntimeException e) {
            // Not available here: whoever needs it reports that later.
        }
    }
}
