package dev.continuum.cloud.mqtt.internal.format;

import dev.continuum.api.cloud.DedupId;
import java.nio.charset.StandardCharsets;

/**
 * A dedup id's wire text {@code gatewayId/bootEpoch/sequence} (as {@link DedupId#toString()}) written as UTF-8
 * straight into a payload: the {@code gatewayId/bootEpoch/} prefix is encoded once per gateway and epoch, the
 * sequence digit by digit. One thread at a time.
 */
final class DedupText {

    private String gateway;
    private long epoch;
    private byte[] prefix;
    private long sequence;
    private int digits;

    /** Takes {@code id} as the one to write next; returns the length of its text in bytes. */
    int prepare(DedupId id) {
        if (prefix == null || id.bootEpoch() != epoch || !id.gatewayId().equals(gateway)) {
            gateway = id.gatewayId();
            epoch = id.bootEpoch();
            prefix = (gateway + "/" + epoch + "/").getBytes(StandardCharsets.UTF_8);
        }
        sequence = id.sequence();
        digits = sequence < 0 ? Long.toString(sequence).length() : digits(sequence);
        return prefix.length + digits;
    }

    /** Writes the prepared id's text at {@code at}; returns the position after it. */
    int write(byte[] out, int at) {
        System.arraycopy(prefix, 0, out, at, prefix.length);
        int end = at + prefix.length + digits;
        if (sequence < 0) {
            byte[] text = Long.toString(sequence).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, out, end - text.length, text.length);
            return end;
        }
        long rest = sequence;
        int position = end;
        do {
            out[--position] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest != 0);
        return end;
    }

    private static int digits(long value) {
        int count = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            count++;
        }
        return count;
    }
}
