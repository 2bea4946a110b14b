package dev.continuum.api.driver;

import java.util.Locale;

/** What an asset may do with a channel (Kura's channel types). */
public enum ChannelMode {
    READ,
    WRITE,
    READ_WRITE;

    /** True for {@link #READ} and {@link #READ_WRITE}. */
    public boolean canRead() {
        return this != WRITE;
    }

    /** True for {@link #WRITE} and {@link #READ_WRITE}. */
    public boolean canWrite() {
        return this != READ;
    }

    /**
     * Parses a mode as written in configuration (case-insensitive; {@code -} is read as {@code _}).
     *
     * @throws IllegalArgumentException naming the bad value and the accepted ones
     */
    public static ChannelMode parse(String text) {
        if (text != null) {
            String upper = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (ChannelMode mode : values()) {
                if (mode.name().equals(upper)) {
                    return mode;
                }
            }
        }
        throw new IllegalArgumentException("unknown channel mode '" + text + "'; accepted: READ, WRITE, READ_WRITE");
    }
}
