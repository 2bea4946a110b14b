package dev.continuum.opcua.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.api.data.DataType;
import dev.continuum.api.data.SampleStatus;
import dev.continuum.api.data.TypedValue;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void convertsOpcUaValuesToTheChannelType() {
        assertThat(Values.toTyped(UShort.valueOf(7), DataType.INTEGER)).isEqualTo(TypedValue.ofInteger(7));
        assertThat(Values.toTyped(UInteger.valueOf(4_000_000_000L), DataType.LONG)).isEqualTo(TypedValue.ofLong(4_000_000_000L));
        assertThat(Values.toTyped(1.5f, DataType.DOUBLE)).isEqualTo(TypedValue.ofDouble(1.5));
        assertThat(Values.toTyped(true, DataType.DOUBLE)).isEqualTo(TypedValue.ofDouble(1.0));
        assertThat(Values.toTyped(LocalizedText.english("hello"), DataType.STRING)).isEqualTo(TypedValue.ofString("hello"));
        assertThatThrownBy(() -> Values.toTyped("text", DataType.DOUBLE)).hasMessageContaining("String")
                .hasMessageContaining("DOUBLE");
    }

    @Test
    void convertsWritesToTheNodesBuiltInTypeWithRangeChecks() {
        assertThat(Values.toVariant(TypedValue.ofInteger(42), NodeIds.Double).getValue()).isEqualTo(42.0);
        assertThat(Values.toVariant(TypedValue.ofDouble(7.4), NodeIds.Int32).getValue()).isEqualTo(7);
        assertThat(Values.toVariant(TypedValue.ofString("12"), NodeIds.UInt16).getValue()).isEqualTo(UShort.valueOf(12));
        assertThatThrownBy(() -> Values.toVariant(TypedValue.ofInteger(300), NodeIds.Byte))
                .hasMessageContaining("out of range for Byte");
        assertThatThrownBy(() -> Values.toVariant(TypedValue.ofString("hot"), NodeIds.Double))
                .hasMessageContaining("cannot convert").hasMessageContaining("hot");
    }

    @Test
    void mapsStatusCodesToSampleStatusWithTheirNames() {
        StatusCode bad = new StatusCode(StatusCodes.Bad_SensorFailure);
        assertThat(Values.status(bad)).isEqualTo(SampleStatus.BAD);
        assertThat(Values.status(new StatusCode(StatusCodes.Uncertain_LastUsableValue))).isEqualTo(SampleStatus.UNCERTAIN);
        assertThat(Values.status(StatusCode.GOOD)).isEqualTo(SampleStatus.GOOD);
        assertThat(Values.describe(bad)).startsWith("Bad_SensorFailure");
    }
}
