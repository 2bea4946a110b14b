package dev.continuum.example.driver.internal;

import dev.continuum.api.data.DataType;
import dev.continuum.api.data.SampleStatus;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.driver.BrowseNode;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelListener;
import dev.continuum.api.driver.ChannelReading;
import dev.continuum.api.driver.ChannelWrite;
import dev.continuum.api.driver.Driver;
import dev.continuum.api.driver.DriverState;
import dev.continuum.api.driver.DriverSubscription;
import dev.continuum.api.driver.WriteResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * An example driver: each channel is a text file below a root folder (channel property {@code path}),
 * such as a Linux sysfs sensor ({@code class/thermal/thermal_zone0/temp}). Subscriptions poll the files
 * and deliver changed values; a file that cannot be read or parsed gives a BAD reading with the reason.
 *
 * <p>Everything an integrator's driver needs is here: a factory configuration whose
 * {@code driver.instance} becomes the service property, one thread opened in the constructor and closed
 * in {@link #deactivate()}, non-blocking methods, per-channel errors.
 */
@Component(service = Driver.class, configurationPid = FileDriver.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = Driver.PROTOCOL + "=file")
@Designate(ocd = FileDriver.Config.class, factory = true)
public final class FileDriver implements Driver {

    static final String PID = "dev.continuum.example.driver.file";
    static final String PATH = "path";

    @ObjectClassDefinition(name = "Example file driver", description = "Channels are text files below a folder.")
    public @interface Config {
        @AttributeDefinition(name = "Instance name")
        String driver_instance();

        @AttributeDefinition(name = "Root folder")
        String root() default "/sys";

        @AttributeDefinition(name = "Poll interval (ms)", min = "10")
        int pollMillis() default 1000;
    }

    private final String instance;
    private final Path root;
    private final int pollMillis;
    private final ScheduledExecutorService poller;

    @Activate
    public FileDriver(Config config) {
        this.instance = config.driver_instance();
        this.root = Path.of(config.root());
        this.pollMillis = Math.max(10, config.pollMillis());
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "file-driver-" + instance);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Deactivate
    void deactivate() {
        poller.shutdownNow();
    }

    @Override
    public String instance() {
        return instance;
    }

    @Override
    public DriverState state() {
        return Files.isDirectory(root) ? DriverState.CONNECTED : DriverState.CONNECTING;
    }

    @Override
    public String stateReason() {
        return Files.isDirectory(root) ? "" : "root folder " + root + " does not exist";
    }

    @Override
    public CompletableFuture<Void> connect() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<ChannelReading>> read(List<ChannelConfig> channels) {
        return CompletableFuture.supplyAsync(() -> channels.stream().map(this::readOne).toList(), poller);
    }

    @Override
    public CompletableFuture<List<WriteResult>> write(List<ChannelWrite> writes) {
        return CompletableFuture.supplyAsync(() -> {
            List<WriteResult> results = new ArrayList<>();
            for (ChannelWrite write : writes) {
                try {
                    Files.writeString(file(write.channel()), String.valueOf(write.value().value()), StandardCharsets.UTF_8);
                    results.add(WriteResult.ok(write.channel().name()));
                } catch (IOException | IllegalArgumentException e) {
                    results.add(WriteResult.failed(write.channel().name(), e.getMessage()));
                }
            }
            return results;
        }, poller);
    }

    @Override
    public DriverSubscription subscribe(List<ChannelConfig> channels, ChannelListener listener) {
        Map<String, TypedValue> last = new ConcurrentHashMap<>();
        Map<String, String> errors = new ConcurrentHashMap<>();
        var task = poller.scheduleWithFixedDelay(() -> {
            List<ChannelReading> changed = new ArrayList<>();
            for (ChannelConfig channel : channels) {
                ChannelReading reading = readOne(channel);
                if (reading.status() == SampleStatus.GOOD) {
                    if (errors.remove(channel.name()) != null) {
                        listener.onChannelError(channel.name(), "");
                    }
                    if (!reading.value().equals(last.put(channel.name(), reading.value()))) {
                        changed.add(reading);
                    }
                } else if (!reading.message().equals(errors.put(channel.name(), reading.message()))) {
                    changed.add(reading);
                    listener.onChannelError(channel.name(), reading.message());
                }
            }
            if (!changed.isEmpty()) {
                listener.onReadings(changed);
            }
        }, 0, pollMillis, TimeUnit.MILLISECONDS);
        return new DriverSubscription() {
            @Override
            public Map<String, String> channelErrors() {
                return Map.copyOf(errors);
            }

            @Override
            public void close() {
                task.cancel(false);
            }
        };
    }

    @Override
    public CompletableFuture<BrowseNode> browse(String start, int maxDepth, int maxNodes) {
        return CompletableFuture.supplyAsync(() -> {
            Path from = start == null || start.isBlank() ? root : root.resolve(start).normalize();
            try (Stream<Path> files = Files.walk(from, Math.max(0, maxDepth))) {
                List<BrowseNode> children = files.filter(Files::isRegularFile).limit(Math.max(0, maxNodes - 1))
                        .map(f -> new BrowseNode(root.relativize(f).toString(), f.getFileName().toString(), "File",
                                Map.of(PATH, root.relativize(f).toString()), List.of()))
                        .toList();
                return new BrowseNode(root.relativize(from).toString(), from.getFileName() == null ? "/"
                        : from.getFileName().toString(), "Folder", Map.of(), children);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, poller);
    }

    private ChannelReading readOne(ChannelConfig channel) {
        Instant now = Instant.now();
        try {
            String text = Files.readString(file(channel), StandardCharsets.UTF_8).trim();
            return new ChannelReading(channel.name(), parse(text, channel.valueType()), now, SampleStatus.GOOD, "");
        } catch (IOException e) {
            return ChannelReading.bad(channel.name(), now, "cannot read " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return ChannelReading.bad(channel.name(), now, e.getMessage());
        }
    }

    private Path file(ChannelConfig channel) {
        String relative = channel.properties().get(PATH);
        if (relative == null || relative.isBlank()) {
            throw new IllegalArgumentException("channel '" + channel.name() + "' has no '" + PATH + "' property");
        }
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("path '" + relative + "' leaves the root folder " + root);
        }
        return file;
    }

    static TypedValue parse(String text, DataType type) {
        try {
            return switch (type) {
                case BOOLEAN -> TypedValue.ofBoolean("1".equals(text) || Boolean.parseBoolean(text));
                case INTEGER -> TypedValue.ofInteger(Integer.parseInt(text));
                case LONG -> TypedValue.ofLong(Long.parseLong(text));
                case FLOAT -> TypedValue.ofFloat(Float.parseFloat(text));
                case DOUBLE -> TypedValue.ofDouble(Double.parseDouble(text));
                case STRING -> TypedValue.ofString(text);
                case BYTE_ARRAY -> TypedValue.ofBytes(text.getBytes(StandardCharsets.UTF_8));
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a " + type);
        }
    }
}
