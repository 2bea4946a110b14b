package dev.continuum.asset.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.data.DataType;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelParserTest {

    @Test
    void readsKuraStyleChannelKeysWithDefaults() {
        ChannelParser parser = new ChannelParser(Map.of(
                "name", "press",
                "temp#+value.type", "double",
                "temp#+scale", "0.1",
                "temp#+unit", "°C",
                "temp#node.id", "ns=2;s=T",
                "sp#+type", "READ_WRITE",
                "sp#+value.type", "INTEGER",
                "sp#+listen", "false"));
        ChannelConfig temp = parser.channels().stream().filter(c -> c.name().equals("temp")).findFirst().orElseThrow();
        assertThat(temp.mode()).isEqualTo(ChannelMode.READ);
        assertThat(temp.valueType()).isEqualTo(DataType.DOUBLE);
        assertThat(temp.scale()).isEqualTo(0.1);
        assertThat(temp.offset()).isEqualTo(0.0);
        assertThat(temp.enabled()).isTrue();
        assertThat(temp.properties()).containsExactly(Map.entry("node.id", "ns=2;s=T"));
        assertThat(parser.listening()).extracting(ChannelConfig::name).containsExactly("temp");
        assertThat(parser.errors()).isEmpty();
    }

    @Test
    void aBadChannelIsInErrorAloneWithTheReason() {
        ChannelParser parser = new ChannelParser(Map.of(
                "good#+value.type", "LONG",
                "typo#+value.type", "DECIMAL",
                "noscale#+value.type", "DOUBLE",
                "noscale#+scale", "ten",
                "notype#node.id", "ns=2;i=1"));
        assertThat(parser.channels()).extracting(ChannelConfig::name).containsExactly("good");
        assertThat(parser.errors().get("typo")).contains("'DECIMAL'").contains("accepted");
        assertThat(parser.errors().get("noscale")).contains("+scale 'ten' is not a number");
        assertThat(parser.errors().get("notype")).contains("no +value.type");
    }
}
