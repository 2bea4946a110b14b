package dev.continuum.itests.opcua;

import dev.continuum.api.asset.SampleListener;
import dev.continuum.api.data.Sample;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sample listener that keeps every sample it gets, by channel id. */
final class SampleCollector implements SampleListener {

    private final ConcurrentHashMap<String, List<Sample>> samples = new ConcurrentHashMap<>();

    @Override
    public void onSample(Sample sample) {
        samples.computeIfAbsent(sample.channelId(), k -> new CopyOnWriteArrayList<>()).add(sample);
    }

    List<Sample> of(String channelId) {
        // A copy: samples keep arriving, and a view (subList) of a list that changes throws.
        return List.copyOf(samples.getOrDefault(channelId, List.of()));
    }

    /** The latest sample of a channel received after {@code after}, or null. */
    Sample latestAfter(String channelId, Instant after) {
        List<Sample> list = of(channelId);
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).receiveTime().isAfter(after)) {
                return list.get(i);
            }
        }
        return null;
    }

    int channels() {
        return samples.size();
    }
}
