package dev.continuum.asset.internal;

import dev.continuum.api.asset.SampleListener;
import dev.continuum.api.data.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers samples to the {@link SampleListener} whiteboard, honouring each listener's
 * {@link SampleListener#CHANNELS} patterns. Which listeners match a channel id is computed once per id
 * and cached until the set of listeners changes, so the hot path is a map lookup.
 */
@Component(service = SampleRouter.class)
public final class SampleRouter {

    private static final Logger LOG = LoggerFactory.getLogger(SampleRouter.class);

    private final List<Registered> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, List<SampleListener>> matches = new ConcurrentHashMap<>();

    private record Registered(SampleListener listener, List<Pattern> patterns) {
        boolean matches(String channelId) {
            return patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matcher(channelId).matches());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addListener(SampleListener listener, Map<String, Object> properties) {
        listeners.add(new Registered(listener, patterns(properties.get(SampleListener.CHANNELS))));
        matches.clear();
    }

    void removeListener(SampleListener listener) {
        listeners.removeIf(r -> r.listener() == listener);
        matches.clear();
    }

    /** Hands a sample to every matching listener; a failing listener does not stop the others. */
    void publish(Sample sample) {
        List<SampleListener> targets = matches.computeIfAbsent(sample.channelId(), id -> {
            List<SampleListener> found = new ArrayList<>();
            listeners.forEach(r -> {
                if (r.matches(id)) {
                    found.add(r.listener());
                }
            });
            return List.copyOf(found);
        });
        for (SampleListener target : targets) {
            try {
                target.onSample(sample);
            } catch (RuntimeException e) {
                LOG.warn("sample listener {} failed on {}", target.getClass().getName(), sample.channelId(), e);
            }
        }
    }

    static List<Pattern> patterns(Object property) {
        List<Pattern> patterns = new ArrayList<>();
        if (property instanceof String text) {
            patterns.add(glob(text));
        } else if (property instanceof String[] texts) {
            for (String text : texts) {
                patterns.add(glob(text));
            }
        } else if (property instanceof Iterable<?> texts) {
            texts.forEach(text -> patterns.add(glob(String.valueOf(text))));
        }
        return patterns;
    }

    private static Pattern glob(String text) {
        String[] parts = text.trim().split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }
}
