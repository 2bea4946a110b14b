package dev.continuum.itests.benchmarks;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import dev.continuum.api.data.DataType;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelListener;
import dev.continuum.api.driver.ChannelMode;
import dev.continuum.api.driver.ChannelReading;
import dev.continuum.api.driver.DriverState;
import dev.continuum.api.driver.DriverSubscription;
import dev.continuum.gpio.internal.GpioDriver;
import dev.continuum.gpio.internal.GpioDriverConfig;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * GPIO benchmark (issue 4) on the Pi4J mock provider, through the real driver classes (GpioDriver,
 * subscription, pin bank) in plain Java: the OSGi framework is not on the hot path, so a stand-in
 * BundleContext only supplies the pin map and takes the mock context's registration.
 * <ol>
 *   <li>edge-to-sample: an input subscribed for both edges; the time from calling {@code mockState} until
 *       the subscription's listener holds the reading. Back-to-back edges, then edges paced at 1 kHz.</li>
 *   <li>pulse train: a counter channel; a thread injects rising+falling pairs paced at 5 kHz for N seconds;
 *       the count read through the driver must equal the pulses injected; the counter's own rate is shown.</li>
 *   <li>flat out: as many pulses as one thread can inject in 2 s, counted exactly.</li>
 * </ol>
 * With the mock provider Pi4J dispatches an edge on the thread that injects it, so these numbers are the
 * driver's own cost per edge; on a board, the kernel's event delivery (libgpiod) adds its latency.
 * Run: {@code itests/benchmarks/gpio.sh [SECONDS]}.
 */
public final class GpioBench {

    private GpioBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path pins = Path.of(System.getProperty("continuum.repo.root", "..")).resolve("hardware/simulator/pins.json");
        AtomicReference<Context> mock = new AtomicReference<>();
        GpioDriver driver = new GpioDriver(config(pins), bundleContext(mock));
        if (driver.state() != DriverState.CONNECTED) {
            throw new IllegalStateException("driver not connected: " + driver.stateReason());
        }
        System.out.printf("GPIO benchmark, Pi4J mock provider, %s, %d cores, Java %s%n", System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        edgeToSample(driver, mock.get());
        pulseTrain(driver, mock.get(), seconds);
        flatOut(driver, mock.get());
        var deactivate = GpioDriver.class.getDeclaredMethod("deactivate");
        deactivate.setAccessible(true);
        deactivate.invoke(driver);
    }

    private static void edgeToSample(GpioDriver driver, Context mock) {
        long[] delivered = new long[1];
        ChannelListener listener = listener(readings -> delivered[0] = System.nanoTime());
        try (DriverSubscription subscription = driver.subscribe(List.of(new ChannelConfig("door", ChannelMode.READ,
                DataType.BOOLEAN, 1, 0, "", true, Map.of("pin", "11"))), listener)) {
            MockDigitalInput door = mock.registry().get("pin-11", MockDigitalInput.class);
            measure("warm-up (discarded)", door, delivered, 50_000, 0);
            measure("back-to-back", door, delivered, 200_000, 0);
            measure("paced at 1 kHz", door, delivered, 5_000, 1_000_000);
        }
    }

    private static void measure(String name, MockDigitalInput door, long[] delivered, int edges, long paceNanos) {
        long[] latencies = new long[edges];
        boolean high = door.state().isHigh();
        long next = System.nanoTime();
        for (int i = 0; i < edges; i++) {
            if (paceNanos > 0) {
                next += paceNanos;
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
            }
            high = !high;
            long start = System.nanoTime();
            door.mockState(high ? DigitalState.HIGH : DigitalState.LOW);
            latencies[i] = delivered[0] - start;
            if (latencies[i] < 0) {
                throw new IllegalStateException("edge " + i + " was not delivered");
            }
        }
        Arrays.sort(latencies);
        System.out.printf("edge-to-sample, %s, %d edges: p50 %.2f us, p99 %.2f us, p99.9 %.2f us, max %.2f us%n", name, edges,
                micros(latencies, 0.50), micros(latencies, 0.99), micros(latencies, 0.999), latencies[edges - 1] / 1e3);
    }

    private static double micros(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e3;
    }

    private static void pulseTrain(GpioDriver driver, Context mock, int seconds) throws Exception {
        ChannelConfig count = new ChannelConfig("flow", ChannelMode.READ, DataType.LONG, 1, 0, "", true,
                Map.of("pin", "15", "function", "counter"));
        ChannelConfig rate = new ChannelConfig("flow-rate", ChannelMode.READ, DataType.DOUBLE, 1, 0, "", true,
                Map.of("pin", "13", "function", "counter", "counter.output", "rate", "window.ms", "1000"));
        double[] lastRate = new double[1];
        try (DriverSubscription subscription = driver.subscribe(List.of(count, rate), listener(readings -> {
            readings.stream().filter(r -> r.channel().equals("flow-rate")).forEach(r -> lastRate[0] = r.value().asDouble());
        }))) {
            MockDigitalInput meter = mock.registry().get("pin-15", MockDigitalInput.class);
            MockDigitalInput rateMeter = mock.registry().get("pin-13", MockDigitalInput.class);
            long period = 200_000;
            long pulses = seconds * 5_000L;
            long start = System.nanoTime();
            long next = start;
            for (long i = 0; i < pulses; i++) {
                next += period;
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                meter.mockState(DigitalState.HIGH);
                rateMeter.mockState(DigitalState.HIGH);
                meter.mockState(DigitalState.LOW);
                rateMeter.mockState(DigitalState.LOW);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long actual = (Long) driver.read(List.of(count)).get(5, TimeUnit.SECONDS).get(0).value().value();
            System.out.printf("pulse train at 5 kHz for %.2f s: injected %d, counted %d, missed %d (%s); counter rate over the last window %.1f Hz%n",
                    elapsed, pulses, actual, pulses - actual, actual == pulses ? "exact" : "NOT EXACT", lastRate[0]);
        }
    }

    private static void flatOut(GpioDriver driver, Context mock) throws Exception {
        ChannelConfig count = new ChannelConfig("burst", ChannelMode.READ, DataType.LONG, 1, 0, "", true,
                Map.of("pin", "16", "function", "counter"));
        try (DriverSubscription subscription = driver.subscribe(List.of(count), listener(readings -> { }))) {
            MockDigitalInput meter = mock.registry().get("pin-16", MockDigitalInput.class);
            long pulses = 0;
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < end) {
                meter.mockState(DigitalState.HIGH);
                meter.mockState(DigitalState.LOW);
                pulses++;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long actual = (Long) driver.read(List.of(count)).get(5, TimeUnit.SECONDS).get(0).value().value();
            System.out.printf("flat out: %d pulses in %.2f s (%.0f pulses/s), counted %d, missed %d%n", pulses, elapsed,
                    pulses / elapsed, actual, pulses - actual);
        }
    }

    private static ChannelListener listener(java.util.function.Consumer<List<ChannelReading>> onReadings) {
        return new ChannelListener() {
            @Override
            public void onReadings(List<ChannelReading> readings) {
                onReadings.accept(readings);
            }

            @Override
            public void onChannelError(String channel, String reason) {
                throw new IllegalStateException(channel + ": " + reason);
            }
        };
    }

    private static GpioDriverConfig config(Path pins) {
        return (GpioDriverConfig) Proxy.newProxyInstance(GpioBench.class.getClassLoader(), new Class<?>[] {GpioDriverConfig.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "driver_instance" -> "bench";
                    case "board" -> "simulator";
                    case "pin_map" -> pins.toString();
                    default -> method.getDefaultValue();
                });
    }

    @SuppressWarnings("unchecked")
    private static BundleContext bundleContext(AtomicReference<Context> mock) {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(GpioBench.class.getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (proxy, method, arguments) -> null);
        return (BundleContext) Proxy.newProxyInstance(GpioBench.class.getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("registerService") && arguments[1] instanceof Context context) {
                        mock.set(context);
                        return registration;
                    }
                    if (method.getName().equals("getProperty")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
