package dev.continuum.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import java.util.Dictionary;
import org.junit.jupiter.api.Test;

class ConfigurationDocumentTest {

    private static Dictionary<String, Object> convert(String json) {
        return ConfigurationDocument.properties("pid", JsonParser.parseString(json).getAsJsonObject());
    }

    @Test
    void untypedValuesFollowTheConfiguratorDefaultsAndHintsSetTypes() {
        Dictionary<String, Object> properties = convert("""
                {"text": "a", "whole": 3, "real": 1.5, "flag": true, "list": ["x", "y"],
                 "port:Integer": 80, "ratio:Float": "0.5", "ids:Long[]": [1, 2]}""");

        assertThat(properties.get("text")).isEqualTo("a");
        assertThat(properties.get("whole")).isEqualTo(3L);
        assertThat(properties.get("real")).isEqualTo(1.5);
        assertThat(properties.get("flag")).isEqualTo(true);
        assertThat((String[]) properties.get("list")).containsExactly("x", "y");
        assertThat(properties.get("port")).isEqualTo(80);
        assertThat(properties.get("ratio")).isEqualTo(0.5f);
        assertThat((Long[]) properties.get("ids")).containsExactly(1L, 2L);
    }

    @Test
    void anObjectValueIsKeptAsItsJsonText() {
        Dictionary<String, Object> properties = convert("{\"graph\": {\"components\": [], \"wires\": []}}");

        assertThat(properties.get("graph")).isEqualTo("{\"components\":[],\"wires\":[]}");
    }

    @Test
    void aValueThatDoesNotConvertNamesThePidAndKey() {
        assertThatThrownBy(() -> convert("{\"port:Integer\": \"eighty\"}"))
                .hasMessageStartingWith("pid: property 'port:Integer': ");
        assertThatThrownBy(() -> convert("{\"port:Short\": 1}"))
                .hasMessageContaining("unknown type 'Short'; accepted: String, Integer, Long, Float, Double, Boolean");
    }
}
