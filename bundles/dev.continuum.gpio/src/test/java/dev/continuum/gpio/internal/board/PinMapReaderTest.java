package dev.continuum.gpio.internal.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class PinMapReaderTest {

    private static PinMap parse(String json) throws PinMapException {
        return PinMapReader.parse(JsonParser.parseString(json), "pins.json");
    }

    @Test
    void readsPinsWithDirectionsAndPwm() throws Exception {
        PinMap map = parse("""
                {"board": "b", "provider": "mock", "pins": [
                  {"pin": "12", "chip": "gpiochip0", "line": 18, "name": "GPIO18", "pwm": {"chip": 0, "channel": 0}},
                  {"pin": "DI1", "chip": "gpiochip1", "line": 0, "directions": ["in"]}]}""");

        assertThat(map.pin("12").pwm()).isEqualTo(new Pin.PwmChannel(0, 0));
        assertThat(map.pin("DI1").output()).isFalse();
        assertThat(map.pin("DI1").input()).isTrue();
        assertThat(map.ids(Pin::output)).isEqualTo("12");
        assertThat(map.pin("99")).isNull();
    }

    @Test
    void rejectsAPinListedTwiceNamingIt() {
        assertThatThrownBy(() -> parse("""
                {"board": "b", "provider": "mock", "pins": [
                  {"pin": "11", "chip": "c", "line": 1}, {"pin": "11", "chip": "c", "line": 2}]}"""))
                .hasMessage("pins.json: $.pins[1].pin: pin '11' is listed twice");
    }

    @Test
    void rejectsALineMappedToTwoPins() {
        assertThatThrownBy(() -> parse("""
                {"board": "b", "provider": "mock", "pins": [
                  {"pin": "11", "chip": "c", "line": 1}, {"pin": "12", "chip": "c", "line": 1}]}"""))
                .hasMessageContaining("$.pins[1].line: c line 1 is mapped to two pins");
    }

    @Test
    void rejectsAnUnknownProviderListingTheAcceptedOnes() {
        assertThatThrownBy(() -> parse("""
                {"board": "b", "provider": "wiringpi", "pins": [{"pin": "11", "chip": "c", "line": 1}]}"""))
                .hasMessageContaining("unknown provider 'wiringpi'; accepted: [mock, gpiod, linuxfs]");
    }

    @Test
    void rejectsPwmOnAnInputOnlyPinAndUnknownKeys() {
        assertThatThrownBy(() -> parse("""
                {"board": "b", "provider": "mock", "pins": [
                  {"pin": "DI1", "chip": "c", "line": 1, "directions": ["in"], "pwm": {"chip": 0, "channel": 0}}]}"""))
                .hasMessageContaining("$.pins[0].pwm: an input-only pin cannot have PWM");
        assertThatThrownBy(() -> parse("""
                {"board": "b", "provider": "mock", "pins": [{"pin": "1", "chip": "c", "line": 1, "mode": "in"}]}"""))
                .hasMessageContaining("$.pins[0].mode: unknown key; accepted:");
    }
}
