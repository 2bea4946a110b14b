package dev.continuum.gpio.internal.board;

import com.pi4j.Pi4J;
import com.pi4j.boardinfo.util.BoardInfoHelper;
import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.provider.Provider;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds Pi4J contexts with exactly the providers of a board's provider family. Pi4J finds plugins with
 * ServiceLoader, which sees nothing inside OSGi, so the providers are created here by class name (their
 * static {@code newInstance}), from whichever bundle exports them: the mock plugin's wrapper, or the Linux
 * wrapper with gpiod (libgpiod; Pi4J 2.8 drives only a Raspberry Pi's chip with it) and linuxfs (the GPIO
 * sysfs interface: any Linux board whose kernel has it).
 *
 * <p>Hardware PWM on Linux is one Pi4J provider per {@code pwmchip}, each in a context of its own (Pi4J
 * registers providers by id, and every linuxfs PWM provider has the same id).
 */
public final class Providers implements AutoCloseable {

    /** The provider families a pin map may name. */
    public static final List<String> FAMILIES = List.of("mock", "gpiod", "linuxfs");

    private static final String GPIOD_ONLY_ON_PI = "the Pi4J provider 'gpiod' cannot run on this machine: Pi4J"
            + " 2.8's gpiod plugin drives only a Raspberry Pi's pinctrl chip, and this is not a Raspberry Pi; on other"
            + " boards use the 'linuxfs' provider";
    private static final String LINUXFS_PWM = "com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider";

    private static final Map<String, List<String>> DIGITAL = Map.of(
            "mock", List.of(
                    "com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider",
                    "com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider",
                    "com.pi4j.plugin.mock.provider.pwm.MockPwmProvider"),
            "gpiod", List.of(
                    "com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider",
                    "com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider"),
            "linuxfs", List.of(
                    "com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalInputProvider",
                    "com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider"));

    private final String family;
    private final Context context;
    private final Map<IOType, String> ids;
    private final SysfsChips sysfs;
    private final Map<Integer, Context> pwmContexts = new HashMap<>();

    private Providers(String family, Context context, Map<IOType, String> ids, SysfsChips sysfs) {
        this.family = family;
        this.context = context;
        this.ids = ids;
        this.sysfs = sysfs;
    }

    /** {@link #create(String, SysfsChips)} on the kernel's own sysfs. */
    public static Providers create(String family) throws PinMapException {
        return create(family, new SysfsChips(SysfsChips.DEFAULT_ROOT));
    }

    /**
     * A new context with the family's digital providers; no auto-detection, no JVM shutdown hook (the
     * driver closes it on deactivation).
     *
     * @throws PinMapException naming the missing plugin classes when the family's plugin is not installed,
     *     or naming the family when its providers do not start on this machine
     */
    public static Providers create(String family, SysfsChips sysfs) throws PinMapException {
        List<String> classes = DIGITAL.get(family);
        if (classes == null) {
            throw new PinMapException("unknown provider '" + family + "'; accepted: " + FAMILIES);
        }
        if ("linuxfs".equals(family)) {
            sysfs.requireInterface();
        }
        if ("gpiod".equals(family) && !BoardInfoHelper.runningOnRaspberryPi()) {
            throw new PinMapException(GPIOD_ONLY_ON_PI);
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
        if (!missing.isEmpty()) {
            throw new PinMapException("the Pi4J provider '" + family + "' is not installed in this runtime (missing "
                    + missing + "); install a bundle that exports them, or choose another provider in the pin map");
        }
        Context context = Pi4J.newContextBuilder().noAutoDetect().disableShutdownHook()
                .add(providers.toArray(Provider[]::new)).build();
        // Pi4J silently leaves out a provider whose initialisation failed: say so here, not at the first pin.
        Set<String> started = context.providers().all().keySet();
        List<String> failed = providers.stream().map(Provider::id).filter(id -> !started.contains(id)).toList();
        if (!failed.isEmpty()) {
            context.shutdown();
            throw new PinMapException("the Pi4J provider '" + family + "' did not start on this machine (" + failed
                    + "); see the log for Pi4J's reason");
        }
        Map<IOType, String> ids = new EnumMap<>(IOType.class);
        providers.forEach(provider -> ids.put(provider.type(), provider.id()));
        return new Providers(family, context, ids, sysfs);
    }

    /** The context of the digital (and, for the mock, PWM) pins. */
    public Context context() {
        return context;
    }

    /** The provider id to use for this kind of I/O in {@link #context()}, or {@code null} when there is none. */
    public String id(IOType type) {
        return ids.get(type);
    }

    /** The provider family's name. */
    public String family() {
        return family;
    }

    /**
     * The address Pi4J's digital provider wants for a pin: its line offset (mock, gpiod), or the sysfs
     * number of that line (linuxfs).
     */
    public int address(Pin pin) throws PinMapException {
        return "linuxfs".equals(family) ? sysfs.number(pin.chip(), pin.line()) : pin.line();
    }

    /**
     * The context whose provider {@link #pwmId()} drives hardware PWM channels of {@code pwmchip}: the main
     * context for the mock, a context of that chip's own on Linux.
     */
    public synchronized Context pwmContext(int chip) throws PinMapException {
        if ("mock".equals(family)) {
            return context;
        }
        Context existing = pwmContexts.get(chip);
        if (existing != null) {
            return existing;
        }
        Provider provider;
        try {
            provider = (Provider) Class.forName(LINUXFS_PWM, true, Providers.class.getClassLoader())
                    .getMethod("newInstance", int.class).invoke(null, chip);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new PinMapException("hardware PWM needs Pi4J's linuxfs plugin, which is not installed in this runtime ("
                    + LINUXFS_PWM + ")");
        }
        Context created = Pi4J.newContextBuilder().noAutoDetect().disableShutdownHook().add(provider).build();
        pwmContexts.put(chip, created);
        return created;
    }

    /** The PWM provider's id in {@link #pwmContext(int)}. */
    public String pwmId() {
        return "mock".equals(family) ? ids.get(IOType.PWM) : "linuxfs-pwm";
    }

    /** Shuts every context down; their pins are released to the provider's shutdown state. */
    @Override
    public synchronized void close() {
        pwmContexts.values().forEach(Context::shutdown);
        pwmContexts.clear();
        context.shutdown();
    }
}
