package dev.continuum.example.driver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.data.DataType;
import dev.continuum.api.data.SampleStatus;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelListener;
import dev.continuum.api.driver.ChannelMode;
import dev.continuum.api.driver.ChannelReading;
import dev.continuum.api.driver.DriverSubscription;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDriverTest {

    @TempDir
    Path root;

    private FileDriver driver(int pollMillis) {
        return new FileDriver(new FileDriver.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return FileDriver.Config.class;
            }

            @Override
            public String driver_instance() {
                return "files";
            }

            @Override
            public String root() {
                return root.toString();
            }

            @Override
            public int pollMillis() {
                return pollMillis;
            }
        });
    }

    private static ChannelConfig channel(String name, String path, DataType type) {
        return new ChannelConfig(name, ChannelMode.READ_WRITE, type, 1, 0, "", true, Map.of(FileDriver.PATH, path));
    }

    @Test
    void subscriptionDeliversChangesAndABadFileAloneAsBad() throws Exception {
        Files.writeString(root.resolve("temp"), "41500\n");
        Files.writeString(root.resolve("broken"), "n/a");
        FileDriver driver = driver(10);
        List<ChannelReading> readings = new CopyOnWriteArrayList<>();
        List<String> errors = new CopyOnWriteArrayList<>();
        DriverSubscription subscription = driver.subscribe(List.of(channel("temp", "temp", DataType.LONG),
                channel("broken", "broken", DataType.DOUBLE)), new ChannelListener() {
                    @Override
                    public void onReadings(List<ChannelReading> batch) {
                        readings.addAll(batch);
                    }

                    @Override
                    public void onChannelError(String channel, String reason) {
                        errors.add(channel + ": " + reason);
                    }
                });
        Files.writeString(root.resolve("temp"), "42000\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (readings.stream().noneMatch(r -> TypedValue.ofLong(42000).equals(r.value())) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        subscription.close();
        driver.deactivate();
        assertThat(readings).anyMatch(r -> TypedValue.ofLong(42000).equals(r.value()));
        assertThat(readings).filteredOn(r -> r.channel().equals("broken"))
                .allMatch(r -> r.status() == SampleStatus.BAD && r.message().contains("'n/a' is not a DOUBLE"));
        assertThat(errors).containsExactly("broken: 'n/a' is not a DOUBLE");
    }

    @Test
    void writesAndRefusesPathsOutsideTheRoot() throws Exception {
        FileDriver driver = driver(1000);
        var results = driver.write(List.of(
                new dev.continuum.api.driver.ChannelWrite(channel("out", "out", DataType.INTEGER), TypedValue.ofInteger(7)),
                new dev.continuum.api.driver.ChannelWrite(channel("evil", "../etc/passwd", DataType.STRING),
                        TypedValue.ofString("x")))).get(5, TimeUnit.SECONDS);
        driver.deactivate();
        assertThat(Files.readString(root.resolve("out"))).isEqualTo("7");
        assertThat(results.get(0).ok()).isTrue();
        assertThat(results.get(1).message()).contains("leaves the root folder");
    }
}
