package dev.continuum.core.internal.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A feature's default properties for one configuration, and whether they may replace what is stored.
 *
 * <p>Defaults are stored with a digest of themselves under {@value #MARKER}. When the stored properties
 * still hash to that digest nobody has edited them, so newer defaults may replace them; otherwise the
 * configuration belongs to the operator.
 */
final class Defaults {

    static final String MARKER = "continuum.defaults.digest";
    private static final Set<String> MANAGED = Set.of(MARKER, Constants.SERVICE_PID,
            ConfigurationAdmin.SERVICE_FACTORYPID, ConfigurationAdmin.SERVICE_BUNDLELOCATION);

    enum Decision { CREATE, UPDATE, KEEP }

    private final Dictionary<String, Object> properties;
    private final String digest;

    Defaults(Dictionary<String, Object> properties) {
        this.properties = properties;
        this.digest = digest(properties);
    }

    Decision decide(Dictionary<String, Object> stored) {
        if (stored == null) {
            return Decision.CREATE;
        }
        Object marker = stored.get(MARKER);
        if (marker == null || !marker.equals(digest(stored))) {
            return Decision.KEEP;
        }
        return marker.equals(digest) ? Decision.KEEP : Decision.UPDATE;
    }

    Dictionary<String, Object> withMarker() {
        Dictionary<String, Object> copy = new Hashtable<>();
        for (String key : Collections.list(properties.keys())) {
            copy.put(key, properties.get(key));
        }
        copy.put(MARKER, digest);
        return copy;
    }

    static String digest(Dictionary<String, Object> properties) {
        TreeMap<String, String> canonical = new TreeMap<>();
        List<String> keys = Collections.list(properties.keys());
        for (String key : keys) {
            if (!MANAGED.contains(key)) {
                Object value = properties.get(key);
                String text = value instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(value);
                canonical.put(key, value.getClass().getSimpleName() + "=" + text);
            }
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
