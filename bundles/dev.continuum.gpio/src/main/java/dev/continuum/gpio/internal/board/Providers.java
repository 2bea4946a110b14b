package dev.continuum.gpio.internal.board;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.provider.Provider;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a Pi4J context with exactly the providers of a board's provider family. Pi4J finds plugins with
 * ServiceLoader, which sees nothing inside OSGi, so the providers are created here by class name (their
 * static {@code newInstance()}), from whichever bundle exports them.
 */
public final class Providers {

    /** The provider families a pin map may name. */
    public static final List<String> FAMILIES = List.of("mock", "gpiod", "linuxfs");

    private static final Map<String, List<String>> CLASSES = Map.of(
            "mock", List.of(
                    "com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider",
                    "com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider",
                    "com.pi4j.plugin.mock.provider.pwm.MockPwmProvider"),
            "gpiod", List.of(
                    "com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider",
                    "com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider",
                    "com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider"),
            "linuxfs", List.of(
                    "com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalInputProvider",
                    "com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider",
                    "com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider"));

    private final String family;
    private final Context context;
    private final Map<IOType, String> ids;

    private Providers(String family, Context context, Map<IOType, String> ids) {
        this.family = family;
        this.context = context;
        this.ids = ids;
    }

    /**
     * A new context with the family's providers; no auto-detection, no JVM shutdown hook (the driver
     * shuts the context down on deactivation).
     *
     * @throws PinMapException naming the missing plugin classes when the family's plugin is not installed
     */
    public static Providers create(String family) throws PinMapException {
        List<String> classes = CLASSES.get(family);
        if (classes == null) {
            throw new PinMapException("unknown provider '" + family + "'; accepted: " + FAMILIES);
        }
        List<Provider> providers = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : classes) {
            try {
                providers.add((Provider) Class.forName(name, true, Providers.class.getClassLoader())
                        .getMethod("newInstance").invoke(null));
            } catch (ReflectiveOperationException | LinkageError e) {
                missing.add(name);
            }
        }
        // Digital I/O is the family's core; without a PWM provider only PWM channels are refused.
        if (missing.size() > 1 || (missing.size() == 1 && !missing.get(0).endsWith("PwmProvider"))) {
            throw new PinMapException("the Pi4J provider '" + family + "' is not installed in this runtime (missing "
                    + missing + "); install a bundle that exports them, or choose another provider in the pin map");
        }
        Context context = Pi4J.newContextBuilder().noAutoDetect().disableShutdownHook()
                .add(providers.toArray(Provider[]::new)).build();
        Map<IOType, String> ids = new EnumMap<>(IOType.class);
        providers.forEach(provider -> ids.put(provider.type(), provider.id()));
        return new Providers(family, context, ids);
    }

    public Context context() {
        return context;
    }

    /** The provider id to use for this kind of I/O, or {@code null} when the family's plugin for it is not installed. */
    public String id(IOType type) {
        return ids.get(type);
    }

    /** The provider family's name. */
    public String family() {
        return family;
    }
}
