package dev.continuum.console.internal.rest;

import dev.continuum.api.asset.SampleListener;
import dev.continuum.api.data.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Component;

/**
 * The latest sample of every channel, for {@code /api/v1/assets} and the live stream. Called on driver
 * threads: one map put per sample, nothing else.
 */
@Component(service = {LatestSamples.class, SampleListener.class})
public final class LatestSamples implements SampleListener {

    private record Entry(Sample sample, long sequence) {
    }

    private final Map<String, Entry> latest = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    @Override
    public void onSample(Sample sample) {
        latest.put(sample.channelId(), new Entry(sample, sequence.incrementAndGet()));
    }

    public Sample latest(String channelId) {
        Entry entry = latest.get(channelId);
        return entry == null ? null : entry.sample();
    }

    /** The current sequence number; samples after it are newer. */
    public long sequence() {
        return sequence.get();
    }

    /** The latest samples of channels that changed after {@code since}. */
    public List<Sample> changedSince(long since) {
        List<Sample> changed = new ArrayList<>();
        for (Entry entry : latest.values()) {
            if (entry.sequence() > since) {
                changed.add(entry.sample());
            }
        }
        return changed;
    }
}
