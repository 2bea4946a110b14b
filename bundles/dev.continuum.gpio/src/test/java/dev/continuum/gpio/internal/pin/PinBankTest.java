package dev.continuum.gpio.internal.pin;

import static dev.continuum.gpio.internal.pin.ChannelSpecTest.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import dev.continuum.api.data.DataType;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.driver.ChannelMode;
import dev.continuum.api.driver.ChannelReading;
import dev.continuum.gpio.internal.board.Pin;
import dev.continuum.gpio.internal.board.PinMap;
import dev.continuum.gpio.internal.board.Providers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PinBankTest {

    private static final PinMap MAP = new PinMap("test-board", "mock", List.of(
            new Pin("11", "c", 17, "", true, true, null),
            new Pin("12", "c", 18, "", true, true, new Pin.PwmChannel(0, 0)),
            new Pin("DI1", "c", 30, "", true, false, null),
            new Pin("DO1", "c", 31, "", false, true, null),
            new Pin("32", "c", 12, "", true, true, new Pin.PwmChannel(0, 0))));

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private Providers providers;
    private PinBank bank;

    @BeforeEach
    void open() throws Exception {
        providers = Providers.create("mock");
        bank = new PinBank(MAP, providers, timer);
    }

    @AfterEach
    void close() {
        bank.close();
        timer.shutdownNow();
    }

    private static ChannelSpec input(String name, String pin, Map<String, String> more) throws Exception {
        Map<String, String> properties = new java.util.HashMap<>(more);
        properties.put("pin", pin);
        return ChannelSpec.of(channel(name, ChannelMode.READ, DataType.BOOLEAN, properties));
    }

    private static ChannelSpec output(String name, String pin, Map<String, String> more) throws Exception {
        Map<String, String> properties = new java.util.HashMap<>(more);
        properties.put("pin", pin);
        properties.putIfAbsent("shutdown", "low");
        return ChannelSpec.of(channel(name, ChannelMode.READ_WRITE, DataType.BOOLEAN, properties));
    }

    private MockDigitalInput mock(String pin) {
        return providers.context().registry().get("pin-" + pin, MockDigitalInput.class);
    }

    @Test
    void aSecondChannelOnAClaimedPinIsRejectedNamingTheHolderAndTheFreePins() throws Exception {
        bank.acquire(input("door", "11", Map.of()));

        assertThatThrownBy(() -> bank.acquire(input("window", "11", Map.of())))
                .hasMessage("channel 'window': pin 11 of board test-board is already claimed by channel 'door' "
                        + "(digital-input); free pins: 12, DI1, DO1, 32");
    }

    @Test
    void aPinTheBoardDoesNotHaveIsRejectedListingTheValidPins() {
        assertThatThrownBy(() -> bank.acquire(input("ghost", "99", Map.of())))
                .hasMessage("channel 'ghost': pin 99 is not a pin of board test-board; valid pins: 11, 12, DI1, DO1, 32");
    }

    @Test
    void anInputOnlyPinCannotBeAnOutputAndOnlyPwmPinsDoPwm() {
        assertThatThrownBy(() -> bank.acquire(output("relay", "DI1", Map.of())))
                .hasMessageContaining("pin DI1 of board test-board is input-only and cannot be a digital-output; output pins: 11, 12, DO1, 32");
        assertThatThrownBy(() -> bank.acquire(ChannelSpec.of(channel("dimmer", ChannelMode.WRITE, DataType.DOUBLE,
                Map.of("pin", "11", "function", "pwm")))))
                .hasMessageContaining("pin 11 of board test-board has no hardware PWM; PWM pins: 12, 32");
    }

    @Test
    void edgesArePublishedInOrderAndBounceWithinTheDebounceWindowIsDropped() throws Exception {
        PinIo io = bank.acquire(input("door", "11", Map.of("debounce.ms", "10000")));
        List<ChannelReading> seen = new CopyOnWriteArrayList<>();
        io.observe(seen::add);

        mock("11").mockState(DigitalState.HIGH);
        mock("11").mockState(DigitalState.LOW);
        mock("11").mockState(DigitalState.HIGH);

        assertThat(seen).extracting(reading -> reading.value().asBoolean()).containsExactly(true);
    }

    @Test
    void aLevelThatDiffersFromTheLastAcceptedOneWhenTheDebounceWindowEndsIsDelivered() throws Exception {
        PinIo io = bank.acquire(input("door", "11", Map.of("debounce.ms", "50")));
        List<ChannelReading> seen = new CopyOnWriteArrayList<>();
        io.observe(seen::add);

        mock("11").mockState(DigitalState.HIGH);
        mock("11").mockState(DigitalState.LOW);

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (seen.size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(seen).extracting(reading -> reading.value().asBoolean()).containsExactly(true, false);
        assertThat(java.time.Duration.between(seen.get(0).sourceTime(), seen.get(1).sourceTime()))
                .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(45));
    }

    @Test
    void anActiveLowInputReadsTrueWhenThePinIsLow() throws Exception {
        PinIo io = bank.acquire(input("switch", "11", Map.of("active.low", "true", "pull", "up")));

        assertThat(io.read().value()).isEqualTo(TypedValue.ofBoolean(true));
        mock("11").mockState(DigitalState.HIGH);
        assertThat(io.read().value()).isEqualTo(TypedValue.ofBoolean(false));
    }

    @Test
    void aPulseTurnsTheOutputOnForItsDurationThenOff() throws Exception {
        // 300 ms: long enough that a stalled test thread still finds the pin on before the pulse ends.
        PinIo io = bank.acquire(output("valve", "11", Map.of("pulse.ms", "300")));
        DigitalOutput pin = providers.context().registry().get("pin-11", DigitalOutput.class);
        List<ChannelReading> seen = new CopyOnWriteArrayList<>();
        io.observe(seen::add);

        io.write(TypedValue.ofBoolean(true));

        assertThat(pin.state()).isEqualTo(DigitalState.HIGH);
        // The pin goes off before its reading is published: wait for the reading, not the pin.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (seen.size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(pin.state()).isEqualTo(DigitalState.LOW);
        assertThat(seen).extracting(reading -> reading.value().asBoolean()).containsExactly(true, false);
        assertThat(java.time.Duration.between(seen.get(0).sourceTime(), seen.get(1).sourceTime()))
                .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(250));
    }

    @Test
    void aRisingEdgeFilterPassesOnlyRisingEdgesWithIncreasingTimestamps() throws Exception {
        PinIo io = bank.acquire(input("part", "11", Map.of("edge", "rising")));
        List<ChannelReading> seen = new CopyOnWriteArrayList<>();
        io.observe(seen::add);

        for (int i = 0; i < 5; i++) {
            mock("11").mockState(DigitalState.HIGH);
            mock("11").mockState(DigitalState.LOW);
        }

        assertThat(seen).hasSize(5).allSatisfy(reading -> assertThat(reading.value().asBoolean()).isTrue());
        assertThat(seen).extracting(ChannelReading::sourceTime).isSorted();
    }

    @Test
    void anOutputStartsAtItsInitialLevelFollowsWritesAndIsLeftAtItsShutdownLevel() throws Exception {
        PinIo io = bank.acquire(output("relay", "DO1", Map.of("initial", "high", "shutdown", "low")));
        DigitalOutput pin = providers.context().registry().get("pin-DO1", DigitalOutput.class);
        assertThat(pin.state()).isEqualTo(DigitalState.HIGH);

        assertThat(io.write(TypedValue.ofBoolean(false)).ok()).isTrue();
        assertThat(pin.state()).isEqualTo(DigitalState.LOW);
        io.write(TypedValue.ofBoolean(true));
        assertThat(pin.state()).isEqualTo(DigitalState.HIGH);

        bank.release(io);
        assertThat(pin.state()).isEqualTo(DigitalState.LOW);
        assertThat(bank.claimed()).isEmpty();
        assertThat(providers.context().registry().exists("pin-DO1")).isFalse();
    }

    @Test
    void aCounterCountsEveryInjectedEdge() throws Exception {
        ChannelSpec spec = ChannelSpec.of(channel("flow", ChannelMode.READ, DataType.LONG,
                Map.of("pin", "11", "function", "counter")));
        PinIo io = bank.acquire(spec);

        for (int i = 0; i < 10_000; i++) {
            mock("11").mockState(DigitalState.HIGH);
            mock("11").mockState(DigitalState.LOW);
        }

        assertThat(io.read().value()).isEqualTo(TypedValue.ofLong(10_000));
    }

    @Test
    void pwmWritesSetTheDutyCycleAndRefuseValuesOutsideZeroToHundred() throws Exception {
        PinIo io = bank.acquire(ChannelSpec.of(channel("dimmer", ChannelMode.READ_WRITE, DataType.DOUBLE,
                Map.of("pin", "12", "function", "pwm", "pwm.frequency", "2000"))));

        assertThat(io.write(TypedValue.ofDouble(40)).ok()).isTrue();
        assertThat(io.read().value()).isEqualTo(TypedValue.ofDouble(40));
        assertThat(io.write(TypedValue.ofDouble(120)).message()).contains("accepted: a duty cycle in percent from 0 to 100");
        io.write(TypedValue.ofDouble(0));
        assertThat(io.read().value()).isEqualTo(TypedValue.ofDouble(0));
    }

    @Test
    void twoPinsWiredToOnePwmChannelCannotBothBePwm() throws Exception {
        bank.acquire(ChannelSpec.of(channel("fan", ChannelMode.WRITE, DataType.DOUBLE, Map.of("pin", "12", "function", "pwm"))));

        assertThatThrownBy(() -> bank.acquire(ChannelSpec.of(channel("dimmer", ChannelMode.WRITE, DataType.DOUBLE,
                Map.of("pin", "32", "function", "pwm")))))
                .hasMessage("channel 'dimmer': pin 32 of board test-board shares PWM channel 0 of pwmchip0 with pin 12, "
                        + "already used by channel 'fan'");
    }

    @Test
    void closingTheBankReleasesEveryPinAndShutsTheContextDown() throws Exception {
        bank.acquire(input("door", "11", Map.of()));
        bank.standing(output("relay", "DO1", Map.of()));

        bank.close();

        assertThat(bank.claimed()).isEmpty();
        assertThat(providers.context().isShutdown()).isTrue();
        assertThat(providers.context().registry().all()).isEmpty();
    }
}
