package dev.continuum.gpio.internal.pin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.api.data.DataType;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelSpecTest {

    static ChannelConfig channel(String name, ChannelMode mode, DataType type, Map<String, String> properties) {
        return new ChannelConfig(name, mode, type, 1, 0, "", true, properties);
    }

    @Test
    void aReadChannelIsADigitalInputOnBothEdgesByDefault() throws Exception {
        ChannelSpec spec = ChannelSpec.of(channel("door", ChannelMode.READ, DataType.BOOLEAN, Map.of("pin", "11")));

        assertThat(spec.function()).isEqualTo(Function.DIGITAL_INPUT);
        assertThat(spec.edge()).isEqualTo(Edge.BOTH);
        assertThat(spec.pull()).isEqualTo("off");
    }

    @Test
    void anOutputWithoutAShutdownLevelIsRejected() {
        assertThatThrownBy(() -> ChannelSpec.of(channel("relay", ChannelMode.WRITE, DataType.BOOLEAN, Map.of("pin", "16"))))
                .hasMessageContaining("channel 'relay': a digital-output needs 'shutdown' (low or high)");
    }

    @Test
    void anInputConfiguredForWritingIsRejectedNamingThePin() {
        assertThatThrownBy(() -> ChannelSpec.of(channel("relay", ChannelMode.READ_WRITE, DataType.BOOLEAN,
                Map.of("pin", "16", "function", "digital-input"))))
                .hasMessageContaining("pin 16 is configured as digital-input, which is read-only")
                .hasMessageContaining("accepted mode: READ");
    }

    @Test
    void unknownPropertiesAndValuesAreRejectedWithWhatIsAccepted() {
        assertThatThrownBy(() -> ChannelSpec.of(channel("door", ChannelMode.READ, DataType.BOOLEAN,
                Map.of("pin", "11", "debounce", "5"))))
                .hasMessageContaining("unknown property 'debounce'; accepted: [active.low, counter.output, debounce.ms");
        assertThatThrownBy(() -> ChannelSpec.of(channel("door", ChannelMode.READ, DataType.BOOLEAN,
                Map.of("pin", "11", "pull", "sideways"))))
                .hasMessageContaining("property 'pull' is 'sideways'; accepted: up, down, off");
        assertThatThrownBy(() -> ChannelSpec.of(channel("flow", ChannelMode.READ, DataType.BOOLEAN,
                Map.of("pin", "15", "function", "counter"))))
                .hasMessageContaining("value type BOOLEAN does not fit a counter count");
    }
}
