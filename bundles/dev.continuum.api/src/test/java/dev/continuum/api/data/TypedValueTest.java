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

    @Test
    void coercesLooselyTypedValuesFromJsonAndProtocols() {
        assertThat(TypedValue.coerce(DataType.INTEGER, 42.0)).isEqualTo(TypedValue.ofInteger(42));
        assertThat(TypedValue.coerce(DataType.LONG, "9000000000")).isEqualTo(TypedValue.ofLong(9_000_000_000L));
        assertThat(TypedValue.coerce(DataType.DOUBLE, 1)).isEqualTo(TypedValue.ofDouble(1.0));
        assertThat(TypedValue.coerce(DataType.FLOAT, "2.5")).isEqualTo(TypedValue.ofFloat(2.5f));
        assertThat(TypedValue.coerce(DataType.BOOLEAN, "TRUE")).isEqualTo(TypedValue.ofBoolean(true));
        assertThat(TypedValue.coerce(DataType.STRING, 7)).isEqualTo(TypedValue.ofString("7"));
        assertThat(TypedValue.coerce(DataType.BYTE_ARRAY, "AQI=").asBytes()).containsExactly(1, 2);
    }

    @Test
    void refusesValuesThatDoNotConvertNamingTheTypeAndTheValue() {
        assertThatThrownBy(() -> TypedValue.coerce(DataType.INTEGER, 1.5))
                .hasMessage("a INTEGER value was expected, not '1.5'");
        assertThatThrownBy(() -> TypedValue.coerce(DataType.INTEGER, 3_000_000_000L))
                .hasMessageContaining("INTEGER");
        assertThatThrownBy(() -> TypedValue.coerce(DataType.BOOLEAN, 1)).hasMessageContaining("BOOLEAN");
        assertThatThrownBy(() -> TypedValue.coerce(DataType.DOUBLE, true)).hasMessageContaining("DOUBLE");
        assertThatThrownBy(() -> TypedValue.coerce(DataType.BYTE_ARRAY, "%%"))
                .hasMessageContaining("byte arrays are base64 text");
    }
}
