package dev.continuum.itests.cloud;

import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;

/**
 * Just enough of a {@link BundleContext} to run an MQTT endpoint component outside a framework in the
 * benchmark: framework properties from a map, a data directory, and registrations that do nothing.
 */
final class BenchContext {

    private BenchContext() {
    }

    static BundleContext of(Path data, Map<String, String> properties) {
        Bundle bundle = proxy(Bundle.class, (name, args) -> switch (name) {
            case "getVersion" -> Version.emptyVersion;
            case "getSymbolicName" -> "benchmark";
            default -> null;
        });
        ServiceRegistration<?> registration = proxy(ServiceRegistration.class, (name, args) -> null);
        return proxy(BundleContext.class, (name, args) -> switch (name) {
            case "getProperty" -> properties.get((String) args[0]);
            case "getBundle" -> bundle;
            case "getDataFile" -> new File(data.toFile(), (String) args[0]);
            case "registerService" -> registration;
            default -> null;
        });
    }

    /** Answers calls by method name. */
    interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(BenchContext.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> method.getName().equals("toString") ? type.getSimpleName()
                        : answer.answer(method.getName(), args));
    }
}
