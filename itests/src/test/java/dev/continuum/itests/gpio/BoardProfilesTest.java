package dev.continuum.itests.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.continuum.launcher.model.Assembly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every board profile as the launcher assembles it: its features resolve, it runs the GPIO feature with a
 * driver instance for its own board, its JVM options cap the heap, and its default assets only name
 * pins its pin map has, in a direction the pin allows. (The driver's own reading of each pin map is
 * {@link GpioProfilesIT}.)
 */
class BoardProfilesTest {

    private static final Path ROOT = Path.of(System.getProperty("continuum.repo.root", "..")).toAbsolutePath().normalize();
    private static final Path HARDWARE = ROOT.resolve("hardware");

    /** Every profile folder, so that a new board is checked without touching this test. */
    static Stream<String> boards() throws IOException {
        try (Stream<Path> folders = Files.list(HARDWARE)) {
            List<String> boards = folders.filter(folder -> Files.isRegularFile(folder.resolve("profile.json")))
                    .map(folder -> folder.getFileName().toString()).sorted().toList();
            assertThat(boards).contains("simulator", "raspberry-pi-4", "raspberry-pi-5", "jetson-orin-nano", "industrial-pc-x86_64");
            return boards.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("boards")
    void profileAssemblesWithItsBoardsDriverAndHeapCap(String board) throws Exception {
        Assembly assembly = Assembly.ofProfile(HARDWARE, ROOT.resolve("features/target/features"), board);

        assertThat(assembly.profile().features()).contains("core", "gpio");
        JsonObject driver = assembly.configurations().get("dev.continuum.gpio~board");
        assertThat(driver).as("GPIO driver instance 'board'").isNotNull();
        assertThat(driver.get("board").getAsString()).isEqualTo(board);
        List<String> options = Files.readAllLines(HARDWARE.resolve(board).resolve("jvm.options"), StandardCharsets.UTF_8);
        assertThat(options).anyMatch(line -> line.matches("-Xmx\\d+[mg]"));
    }

    @ParameterizedTest
    @MethodSource("boards")
    void defaultAssetsNameOnlyPinsOfTheBoardInAnAllowedDirection(String board) throws Exception {
        JsonObject pinMap = read(HARDWARE.resolve(board).resolve("pins.json"));
        assertThat(pinMap.get("board").getAsString()).isEqualTo(board);
        // Pi4J 2.8's gpiod plugin drives only a Raspberry Pi's chip; other boards go through GPIO sysfs.
        assertThat(pinMap.get("provider").getAsString())
                .isEqualTo(board.equals("simulator") ? "mock" : board.startsWith("raspberry-pi") ? "gpiod" : "linuxfs");
        Map<String, JsonObject> pins = new HashMap<>();
        pinMap.getAsJsonArray("pins").forEach(pin -> pins.put(pin.getAsJsonObject().get("pin").getAsString(), pin.getAsJsonObject()));

        Assembly assembly = Assembly.ofProfile(HARDWARE, ROOT.resolve("features/target/features"), board);
        int checked = 0;
        for (Map.Entry<String, JsonObject> configuration : assembly.configurations().entrySet()) {
            if (!configuration.getKey().startsWith("dev.continuum.asset~")) {
                continue;
            }
            for (Map.Entry<String, JsonElement> entry : configuration.getValue().entrySet()) {
                if (!entry.getKey().endsWith("#pin")) {
                    continue;
                }
                String channel = entry.getKey().substring(0, entry.getKey().indexOf('#'));
                JsonObject pin = pins.get(entry.getValue().getAsString());
                assertThat(pin).as("%s: channel %s names pin %s", board, channel, entry.getValue()).isNotNull();
                JsonElement function = configuration.getValue().get(channel + "#function");
                boolean output = function != null && List.of("digital-output", "pwm").contains(function.getAsString());
                if (pin.has("directions")) {
                    assertThat(pin.get("directions").toString()).as("%s: channel %s", board, channel).contains(output ? "out" : "in");
                }
                checked++;
            }
        }
        assertThat(checked).as("default GPIO channels of %s", board).isPositive();
    }

    private static JsonObject read(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    }
}
