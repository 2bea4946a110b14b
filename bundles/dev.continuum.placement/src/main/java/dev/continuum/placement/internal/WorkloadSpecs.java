package dev.continuum.placement.internal;

import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.ModelManifest;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.api.placement.Placement;
import dev.continuum.api.placement.PrivacyClass;
import dev.continuum.api.placement.WorkloadRequirements;
import dev.continuum.placement.internal.workload.WorkloadSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a {@code placed-inference} component's configuration: {@code model}, {@code channels},
 * {@code latency.p99.ms} (100), {@code privacy} ({@code RAW_STAYS_ON_SITE} unless set), {@code bandwidth.bytes.per.s}
 * (0: no limit), {@code breach.ms} (1000), {@code remote.model} (a features model when raw data stays on site;
 * else {@code model}), {@code fallback.model} ({@code model}), {@code placements} ({@code LOCAL,MEC,CLOUD}),
 * {@code remote.timeout.ms} (half the budget), {@code start} (LOCAL), {@code pin}.
 */
final class WorkloadSpecs {

    private WorkloadSpecs() {
    }

    static List<String> channelIds(ComponentContext context) throws PipelineException {
        return Arrays.asList(context.required("channels").split("\\s*,\\s*"));
    }

    static WorkloadSpec parse(ComponentContext context, InferenceService inference) throws PipelineException {
        String model = context.required("model");
        int channels = channelIds(context).size();
        PrivacyClass privacy = constant(context, PrivacyClass.class, "privacy", PrivacyClass.RAW_STAYS_ON_SITE);
        double budget = context.number("latency.p99.ms", 100);
        WorkloadRequirements requirements;
        try {
            requirements = new WorkloadRequirements(budget, privacy, (long) context.number("bandwidth.bytes.per.s", 0),
                    (long) context.number("breach.ms", 1000));
        } catch (IllegalArgumentException e) {
            throw new PipelineException("component '" + context.name() + "': " + e.getMessage());
        }
        String fallback = context.string("fallback.model", model);
        checkSameWindow(context, inference, model, fallback);
        Optional<String> remote = Optional.ofNullable(context.string("remote.model",
                privacy == PrivacyClass.RAW_MAY_LEAVE ? model : null));
        List<Placement> placements = new ArrayList<>();
        for (String name : context.string("placements", "LOCAL,MEC,CLOUD").split("\\s*,\\s*")) {
            Placement placement = parsePlacement(context, "placements", name);
            if (!placement.remote() || remote.isPresent()) {
                placements.add(placement);
            }
        }
        if (placements.isEmpty()) {
            throw new PipelineException("component '" + context.name() + "': no usable placement; a remote one needs"
                    + " 'remote.model' (a features model) when privacy is RAW_STAYS_ON_SITE");
        }
        Placement start = parsePlacement(context, "start", context.string("start", placements.get(0).name()));
        String pinned = context.string("pin", "");
        Optional<Placement> pin = pinned.isBlank() ? Optional.empty()
                : Optional.of(parsePlacement(context, "pin", pinned));
        if (!placements.contains(start) || pin.isPresent() && !placements.contains(pin.get())) {
            throw new PipelineException("component '" + context.name() + "': 'start' and 'pin' must be one of the"
                    + " usable placements " + placements);
        }
        long timeout = (long) context.number("remote.timeout.ms", Math.max(1, budget / 2));
        return new WorkloadSpec(context.pipeline() + "/" + context.name(), model, fallback, remote, channels,
                requirements, placements, timeout, start, pin);
    }

    private static void checkSameWindow(ComponentContext context, InferenceService inference, String model,
            String fallback) throws PipelineException {
        if (fallback.equals(model)) {
            return;
        }
        Optional<ModelManifest> main = inference.manifest(model);
        Optional<ModelManifest> other = inference.manifest(fallback);
        if (main.isEmpty() || other.isEmpty()) {
            throw new PipelineException("component '" + context.name() + "': model '" + (main.isEmpty() ? model
                    : fallback) + "' has no active version (yet)");
        }
        if (main.get().window().size() != other.get().window().size()) {
            throw new PipelineException("component '" + context.name() + "': fallback model '" + fallback + "' takes "
                    + other.get().window().size() + " values per window, '" + model + "' "
                    + main.get().window().size() + "; the fallback must take the same windows");
        }
    }

    private static Placement parsePlacement(ComponentContext context, String key, String value)
            throws PipelineException {
        try {
            return Placement.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PipelineException("component '" + context.name() + "': '" + key + "' has '" + value
                    + "'; accepted: " + Arrays.toString(Placement.values()));
        }
    }

    private static <E extends Enum<E>> E constant(ComponentContext context, Class<E> type, String key, E fallback)
            throws PipelineException {
        String value = context.string(key, fallback.name());
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PipelineException("component '" + context.name() + "': '" + key + "' has '" + value
                    + "'; accepted: " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
