package dev.continuum.asset.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.data.DataType;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScalingTest {

    private static ChannelConfig channel(DataType type, double scale, double offset) {
        return new ChannelConfig("c", ChannelMode.READ_WRITE, type, scale, offset, "", true, Map.of());
    }

    @Test
    void scalesNumericValuesInAndInvertsOut() {
        ChannelConfig celsius = channel(DataType.DOUBLE, 0.1, -40);
        assertThat(Scaling.in(celsius, TypedValue.ofDouble(650)).asDouble()).isCloseTo(25.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Scaling.out(celsius, TypedValue.ofDouble(25)).asDouble()).isCloseTo(650.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Scaling.in(channel(DataType.INTEGER, 2, 1), TypedValue.ofInteger(5))).isEqualTo(TypedValue.ofInteger(11));
        assertThat(Scaling.in(channel(DataType.STRING, 2, 1), TypedValue.ofString("x"))).isEqualTo(TypedValue.ofString("x"));
    }
}
