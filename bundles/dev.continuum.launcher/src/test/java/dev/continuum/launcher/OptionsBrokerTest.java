package dev.continuum.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OptionsBrokerTest {

    @Test
    void brokerOptionBecomesTheFrameworkPropertyThatEndpointsRead() {
        Options options = Options.parse(new String[] {"--broker", "tcp://broker.example:1883"});
        assertThat(options.properties()).containsEntry("continuum.cloud.broker", "tcp://broker.example:1883");
    }
}
