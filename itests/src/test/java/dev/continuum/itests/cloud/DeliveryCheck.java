package dev.continuum.itests.cloud;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The unique-id checker of the fault tests: of the expected dedup sequences, how many never arrived
 * (lost), arrived more than once (duplicated), or arrived after a higher one on first delivery (reordered).
 */
record DeliveryCheck(int expected, int lost, int duplicated, int reordered) {

    static DeliveryCheck of(Collection<Long> expected, List<Long> arrivals) {
        Set<Long> seen = new HashSet<>();
        int duplicated = 0;
        int reordered = 0;
        long highest = Long.MIN_VALUE;
        for (long sequence : arrivals) {
            if (!seen.add(sequence)) {
                duplicated++;
                continue;
            }
            if (sequence < highest) {
                reordered++;
            }
            highest = Math.max(highest, sequence);
        }
        int lost = 0;
        for (long sequence : expected) {
            if (!seen.contains(sequence)) {
                lost++;
            }
        }
        return new DeliveryCheck(expected.size(), lost, duplicated, reordered);
    }
}
