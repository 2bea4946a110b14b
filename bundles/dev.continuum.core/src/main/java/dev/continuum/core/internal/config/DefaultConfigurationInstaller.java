package dev.continuum.core.internal.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the default configurations of the running features and profile, which the launcher merges into
 * the file named by the framework property {@value #FILE_PROPERTY} (OSGi Configurator JSON).
 *
 * <p>A default is written when its configuration does not exist, and rewritten when it changed in the
 * feature as long as nobody edited the configuration since (see {@link Defaults}); an operator's edits
 * always win. A configuration that cannot be converted is reported by PID and skipped; the others
 * are applied.
 */
@Component(service = {}, immediate = true)
public final class DefaultConfigurationInstaller {

    static final String FILE_PROPERTY = "continuum.configuration";
    private static final Logger LOG = LoggerFactory.getLogger(DefaultConfigurationInstaller.class);

    private final ConfigurationAdmin configurationAdmin;

    @Activate
    public DefaultConfigurationInstaller(@Reference ConfigurationAdmin configurationAdmin, BundleContext context) {
        this.configurationAdmin = configurationAdmin;
        String file = context.getProperty(FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            LOG.debug("no {} framework property: no default configuration to apply", FILE_PROPERTY);
            return;
        }
        apply(Path.of(file));
    }

    /** Applies every configuration in the file; returns how many were rejected. */
    int apply(Path file) {
        JsonObject document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonElement parsed = JsonParser.parseReader(reader);
            if (!parsed.isJsonObject()) {
                LOG.error("default configuration {} is not a JSON object; none applied", file);
                return 1;
            }
            document = parsed.getAsJsonObject();
        } catch (IOException | JsonParseException e) {
            LOG.error("default configuration {} cannot be read: {}; none applied", file, e.getMessage());
            return 1;
        }
        int rejected = 0;
        for (Map.Entry<String, JsonElement> entry : document.entrySet()) {
            String pid = entry.getKey();
            if (pid.startsWith(":configurator:")) {
                continue;
            }
            try {
                if (!entry.getValue().isJsonObject()) {
                    throw new IllegalArgumentException(pid + ": expected an object of properties");
                }
                applyOne(pid, entry.getValue().getAsJsonObject());
            } catch (IllegalArgumentException | IOException e) {
                rejected++;
                LOG.error("default configuration {} in {} rejected: {}", pid, file, e.getMessage());
            }
        }
        return rejected;
    }

    private void applyOne(String pid, JsonObject json) throws IOException {
        Defaults defaults = new Defaults(ConfigurationDocument.properties(pid, json));
        int tilde = pid.indexOf('~');
        Configuration configuration = tilde < 0
                ? configurationAdmin.getConfiguration(pid, "?")
                : configurationAdmin.getFactoryConfiguration(pid.substring(0, tilde), pid.substring(tilde + 1), "?");
        switch (defaults.decide(configuration.getProperties())) {
            case CREATE -> {
                configuration.update(defaults.withMarker());
                LOG.debug("applied default configuration {}", pid);
            }
            case UPDATE -> {
                configuration.update(defaults.withMarker());
                LOG.info("updated configuration {} to the feature's new defaults", pid);
            }
            case KEEP -> LOG.debug("configuration {} kept as it is", pid);
        }
    }
}
