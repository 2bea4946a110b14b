package dev.continuum.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoardTest {

    @Test
    void parsesNameArchitectureAndGpioAccess() {
        assertThat(Board.parse("raspberry-pi-4:arm64:gpio")).isEqualTo(new Board("raspberry-pi-4", "arm64", true, false));
        assertThat(Board.parse("industrial-pc-x86_64:amd64:gpio+udev"))
                .isEqualTo(new Board("industrial-pc-x86_64", "amd64", true, true));
        assertThat(Board.parse("simulator:amd64")).isEqualTo(new Board("simulator", "amd64", false, false));
    }

    @Test
    void packageNamesReplaceUnderscoresThatDebianDoesNotAllow() {
        assertThat(Board.parse("industrial-pc-x86_64:amd64").packageName()).isEqualTo("continuum-industrial-pc-x86-64");
    }

    @Test
    void rejectsUnknownArchitecturesAndAccessNamingWhatIsAccepted() {
        assertThatThrownBy(() -> Board.parse("raspberry-pi-4:armhf"))
                .hasMessageContaining("raspberry-pi-4:armhf").hasMessageContaining("arm64 or amd64");
        assertThatThrownBy(() -> Board.parse("raspberry-pi-4:arm64:spi"))
                .hasMessageContaining("NAME:ARCH:gpio+udev");
        assertThatThrownBy(() -> Board.parse("Raspberry:arm64")).hasMessageContaining("lower-case");
    }
}
