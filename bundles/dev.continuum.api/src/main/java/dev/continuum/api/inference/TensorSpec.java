package dev.continuum.api.inference;

import java.util.Arrays;
import java.util.Objects;

/**
 * A graph input or output as the manifest declares it.
 *
 * @param name the name in the ONNX graph
 * @param type the element type; {@code FLOAT} is the only type the gateway feeds and reads today
 * @param shape the dimensions; {@code -1} marks a dynamic dimension (the batch, usually the first)
 */
public record TensorSpec(String name, String type, long[] shape) {

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements per batch row: the product of every dimension after the first. */
    public long rowSize() {
        long size = 1;
        for (int i = 1; i < shape.length; i++) {
            size *= Math.max(shape[i], 1);
        }
        return size;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorSpec that && name.equals(that.name) && type.equals(that.type)
                && Arrays.equals(shape, that.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return name + ":" + type + Arrays.toString(shape);
    }
}
