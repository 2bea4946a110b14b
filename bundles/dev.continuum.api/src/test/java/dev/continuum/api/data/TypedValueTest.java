package dev.continuum.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TypedValueTest {

    @Test
    void byteArraysAreCopiedInAndOut() {
        byte[] raw = {1, 2, 3};
        TypedValue value = TypedValue.ofBytes(raw);
        raw[0] = 9;
        value.asBytes()[1] = 9;

        assertThat(value.asBytes()).containsExactly(1, 2, 3);
        assertThat(value).isEqualTo(TypedValue.ofBytes(new byte[] {1, 2, 3}));
        assertThat(value.toString()).isEqualTo("BYTE_ARRAY:AQID");
    }

    @Test
    void ofRejectsAJavaObjectOfTheWrongTypeNamingBoth() {
        assertThatThrownBy(() -> TypedValue.of(DataType.INTEGER, 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a INTEGER value must be a Integer, not a Long");
    }

    @Test
    void numericAndBooleanValuesHaveADoubleFormButStringsDoNot() {
        assertThat(TypedValue.ofFloat(1.5f).asDouble()).isEqualTo(1.5);
        assertThat(TypedValue.ofBoolean(true).asDouble()).isEqualTo(1.0);
        assertThatThrownBy(() -> TypedValue.ofString("x").asDouble())
                .hasMessage("a STRING value has no numeric form");
    }

    @Test
    void parseAcceptsAnyCaseAndListsTheAcceptedNamesOnError() {
        assertThat(DataType.parse(" double ")).isEqualTo(DataType.DOUBLE);
        assertThatThrownBy(() -> DataType.parse("int16"))
                .hasMessage("unknown data type 'int16'; accepted: "
                        + "BOOLEAN, INTEGER, LONG, FLOAT, DOUBLE, STRING, BYTE_ARRAY");
    }

    @Test
    void onlyBadSamplesMayLackAValue() {
        Instant now = Instant.now();
        assertThat(Sample.bad("line/temp", now, "Bad_NodeIdUnknown").status()).isEqualTo(SampleStatus.BAD);
        assertThatThrownBy(() -> new Sample("line/temp", null, now, now, SampleStatus.GOOD, ""))
                .hasMessageContaining("only a BAD sample may have no value: line/temp");
    }
}
