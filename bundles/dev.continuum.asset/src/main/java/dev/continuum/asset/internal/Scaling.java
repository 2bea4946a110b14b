package dev.continuum.asset.internal;

import dev.continuum.api.data.TypedValue;
import dev.continuum.api.driver.ChannelConfig;

/**
 * A channel's scale and offset: {@code value * scale + offset} on the way in, the inverse on the way
 * out. Numeric values keep their type (integers are rounded: choose DOUBLE or FLOAT for fractional
 * scales); other types pass unchanged.
 */
final class Scaling {

    private Scaling() {
    }

    static TypedValue in(ChannelConfig channel, TypedValue raw) {
        if (raw == null || !raw.isNumeric() || (channel.scale() == 1.0 && channel.offset() == 0.0)) {
            return raw;
        }
        return convert(raw, raw.asDouble() * channel.scale() + channel.offset());
    }

    static TypedValue out(ChannelConfig channel, TypedValue engineering) {
        if (!engineering.isNumeric() || (channel.scale() == 1.0 && channel.offset() == 0.0)) {
            return engineering;
        }
        return convert(engineering, (engineering.asDouble() - channel.offset()) / channel.scale());
    }

    private static TypedValue convert(TypedValue like, double value) {
        return switch (like.type()) {
            case INTEGER -> TypedValue.ofInteger((int) Math.round(value));
            case LONG -> TypedValue.ofLong(Math.round(value));
            case FLOAT -> TypedValue.ofFloat((float) value);
            default -> TypedValue.ofDouble(value);
        };
    }
}
