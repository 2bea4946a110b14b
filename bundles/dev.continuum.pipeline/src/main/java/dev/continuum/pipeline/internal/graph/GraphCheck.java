package dev.continuum.pipeline.internal.graph;

import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.PortType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks a graph's meaning: unique names, wires between existing components, no cycle, known component
 * types, and port types that fit. Errors name the component or wire.
 */
public final class GraphCheck {

    private GraphCheck() {
    }

    /** Structure only: names, wires, cycles. */
    public static void structure(GraphSpec graph) throws GraphException {
        Set<String> names = new HashSet<>();
        for (ComponentSpec component : graph.components()) {
            if (!names.add(component.name())) {
                throw new GraphException("two components are named '" + component.name() + "'");
            }
        }
        Map<String, List<String>> next = new HashMap<>();
        for (WireSpec wire : graph.wires()) {
            for (String end : List.of(wire.emitter(), wire.receiver())) {
                if (!names.contains(end)) {
                    throw new GraphException("wire " + wire.emitter() + " -> " + wire.receiver()
                            + " is dangling: there is no component '" + end + "'");
                }
            }
            next.computeIfAbsent(wire.emitter(), key -> new ArrayList<>()).add(wire.receiver());
        }
        Set<String> done = new HashSet<>();
        for (String name : names) {
            cycleFrom(name, next, new ArrayList<>(), done);
        }
    }

    private static void cycleFrom(String name, Map<String, List<String>> next, List<String> path, Set<String> done)
            throws GraphException {
        if (done.contains(name)) {
            return;
        }
        if (path.contains(name)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            throw new GraphException("the graph has a cycle: " + String.join(" -> ", cycle));
        }
        path.add(name);
        for (String receiver : next.getOrDefault(name, List.of())) {
            cycleFrom(receiver, next, path, done);
        }
        path.remove(path.size() - 1);
        done.add(name);
    }

    /**
     * Component types and port types, against the factories available now.
     *
     * @param factories the factory of a type, or {@code null} when none is registered
     * @param known the types registered now, for the message
     */
    public static void types(GraphSpec graph, Function<String, ComponentFactory> factories, Collection<String> known)
            throws GraphException {
        for (ComponentSpec component : graph.components()) {
            if (factories.apply(component.type()) == null) {
                throw new GraphException("component '" + component.name() + "' has unknown type '" + component.type()
                        + "'; available: " + String.join(", ", new TreeSet<>(known)));
            }
        }
        for (WireSpec wire : graph.wires()) {
            ComponentFactory emitter = factories.apply(graph.component(wire.emitter()).type());
            ComponentFactory receiver = factories.apply(graph.component(wire.receiver()).type());
            if (emitter.output() == PortType.NONE) {
                throw new GraphException("component '" + wire.emitter() + "' (" + graph.component(wire.emitter()).type()
                        + ") has no output, but is wired to '" + wire.receiver() + "'");
            }
            if (!receiver.input().accepts(emitter.output())) {
                throw new GraphException("wire " + wire.emitter() + " -> " + wire.receiver() + ": '" + wire.receiver()
                        + "' takes " + receiver.input() + ", but '" + wire.emitter() + "' emits " + emitter.output());
            }
        }
    }
}
