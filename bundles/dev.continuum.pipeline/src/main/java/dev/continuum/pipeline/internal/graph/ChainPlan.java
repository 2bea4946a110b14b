package dev.continuum.pipeline.internal.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Operator chaining: which components of a graph share one thread. A wire {@code a -> b} is chained, so
 * that {@code a} calls {@code b} directly instead of queueing for {@code b}'s thread, when it is {@code a}'s
 * only output and {@code b}'s only input, and neither side needs a boundary: chaining is on for the graph
 * and both components; {@code b}'s overflow policy is not DROP_OLDEST (it needs a queue to drop from); and
 * either {@code a} is a source and {@code b} may run on a source's threads ({@code followsSource}: its
 * {@code accept} hands the work on to threads of its own, e.g. {@code inference}), or neither is a source
 * nor {@code alone} (its factory asks for its own thread, or it waits for its factory and must buffer in its
 * own queue). A chain headed by a source has no thread: it runs on the source's (driver's) threads.
 */
public final class ChainPlan {

    private ChainPlan() {
    }

    /**
     * The chains of {@code graph}, upstream ones first (a topological order), each head first; every
     * component is in exactly one chain. The head of a chain has a queue and a thread (a source's chain runs on
     * the source's threads); the others are called from it.
     */
    public static List<List<String>> plan(GraphSpec graph, Predicate<String> alone, Predicate<String> source) {
        return plan(graph, alone, source, component -> false);
    }

    /**
     * As {@link #plan(GraphSpec, Predicate, Predicate)}, where a component for which {@code followsSource} holds
     * is chained after a source (and, being {@code alone} too, ends its chain).
     */
    public static List<List<String>> plan(GraphSpec graph, Predicate<String> alone, Predicate<String> source,
            Predicate<String> followsSource) {
        Map<String, List<String>> next = new LinkedHashMap<>();
        Map<String, Integer> inputs = new HashMap<>();
        for (ComponentSpec component : graph.components()) {
            next.put(component.name(), new ArrayList<>());
            inputs.put(component.name(), 0);
        }
        for (WireSpec wire : graph.wires()) {
            next.get(wire.emitter()).add(wire.receiver());
            inputs.merge(wire.receiver(), 1, Integer::sum);
        }
        Map<String, String> chainedTo = new HashMap<>();
        for (ComponentSpec emitter : graph.components()) {
            List<String> receivers = next.get(emitter.name());
            if (receivers.size() != 1 || inputs.get(receivers.get(0)) != 1) {
                continue;
            }
            ComponentSpec receiver = graph.component(receivers.get(0));
            boolean fromSource = source.test(emitter.name());
            boolean pair = fromSource ? followsSource.test(receiver.name())
                    : !alone.test(emitter.name()) && !alone.test(receiver.name());
            if (graph.chaining() && emitter.chain() && receiver.chain() && receiver.overflow() != Overflow.DROP_OLDEST
                    && pair) {
                chainedTo.put(emitter.name(), receiver.name());
            }
        }
        List<List<String>> chains = new ArrayList<>();
        for (String name : topological(graph, next, inputs)) {
            if (chainedTo.containsValue(name)) {
                continue;
            }
            List<String> chain = new ArrayList<>();
            for (String member = name; member != null; member = chainedTo.get(member)) {
                chain.add(member);
            }
            chains.add(List.copyOf(chain));
        }
        return List.copyOf(chains);
    }

    /** Kahn's order, ties in the graph's component order; the graph has no cycle (checked before). */
    private static List<String> topological(GraphSpec graph, Map<String, List<String>> next,
            Map<String, Integer> inputs) {
        Map<String, Integer> remaining = new HashMap<>(inputs);
        Deque<String> ready = new ArrayDeque<>();
        graph.components().stream().map(ComponentSpec::name).filter(name -> remaining.get(name) == 0)
                .forEach(ready::add);
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String name = ready.poll();
            order.add(name);
            for (String receiver : next.get(name)) {
                if (remaining.merge(receiver, -1, Integer::sum) == 0) {
                    ready.add(receiver);
                }
            }
        }
        return order;
    }
}
