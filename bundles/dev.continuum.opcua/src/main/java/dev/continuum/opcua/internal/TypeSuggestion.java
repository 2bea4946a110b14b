package dev.continuum.opcua.internal;

import dev.continuum.api.data.DataType;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/** The channel value type that fits an OPC UA built-in data type best (for browse results). */
final class TypeSuggestion {

    private TypeSuggestion() {
    }

    static String of(NodeId dataType) {
        if (dataType == null) {
            return null;
        }
        DataType type;
        if (NodeIds.Boolean.equals(dataType)) {
            type = DataType.BOOLEAN;
        } else if (NodeIds.SByte.equals(dataType) || NodeIds.Byte.equals(dataType) || NodeIds.Int16.equals(dataType)
                || NodeIds.UInt16.equals(dataType) || NodeIds.Int32.equals(dataType)) {
            type = DataType.INTEGER;
        } else if (NodeIds.UInt32.equals(dataType) || NodeIds.Int64.equals(dataType) || NodeIds.UInt64.equals(dataType)) {
            type = DataType.LONG;
        } else if (NodeIds.Float.equals(dataType)) {
            type = DataType.FLOAT;
        } else if (NodeIds.Double.equals(dataType)) {
            type = DataType.DOUBLE;
        } else if (NodeIds.ByteString.equals(dataType)) {
            type = DataType.BYTE_ARRAY;
        } else {
            type = DataType.STRING;
        }
        return type.name();
    }
}
