package dev.continuum.api.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChannelModeTest {

    @Test
    void parsesKuraNamesCaseInsensitively() {
        assertThat(ChannelMode.parse("read")).isEqualTo(ChannelMode.READ);
        assertThat(ChannelMode.parse(" Read-Write ")).isEqualTo(ChannelMode.READ_WRITE);
        assertThat(ChannelMode.WRITE.canRead()).isFalse();
        assertThat(ChannelMode.READ_WRITE.canWrite()).isTrue();
    }

    @Test
    void rejectsUnknownModeNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> ChannelMode.parse("listen"))
                .hasMessageContaining("'listen'").hasMessageContaining("READ, WRITE, READ_WRITE");
    }
}
