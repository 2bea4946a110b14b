package dev.continuum.api.pipeline;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The gateway's pipelines, for the console, REST and remote management.
 *
 * <p>A pipeline is a factory configuration of {@link #FACTORY_PID} with {@link #NAME} and {@link #GRAPH}:
 * <pre>
 * {"components": [
 *    {"name": "vibration", "type": "source", "config": {"channels": "press-1/vibration"}},
 *    {"name": "hot", "type": "filter", "config": {"expression": "value &gt; 80"},
 *     "queue": 1024, "overflow": "DROP_OLDEST"}],
 *  "wires": [{"emitter": "vibration", "receiver": "hot"}]}
 * </pre>
 * {@code queue} (default 1024) and {@code overflow} ({@code BLOCK}, the default, or {@code DROP_OLDEST})
 * describe the component's input queue. A changed graph is applied as a difference: components whose
 * type and configuration are unchanged keep their state and queued records.
 *
 * <p>Chaining: a component whose only output wire goes to a component with no other input runs that
 * component on its own thread, by a direct call (no queue, no hand-off). The graph's {@code "chaining":
 * false} turns this off for the pipeline; a component's {@code "chain": false} (or its factory's
 * {@link ComponentFactory#ownThread()}) keeps that component on a thread of its own. A component with
 * the DROP_OLDEST policy, or fed by a source, always keeps its queue.
 */
@ProviderType
public interface Pipelines {

    String FACTORY_PID = "dev.continuum.pipeline";
    /** Configuration key: the pipeline's name. */
    String NAME = "name";
    /** Configuration key: the graph, as JSON text. */
    String GRAPH = "graph";

    List<PipelineStatus> status();

    /**
     * Checks a graph without running it: structure, component types, port types and every component's
     * configuration (expressions compile).
     *
     * @throws PipelineException naming the first problem found
     */
    void validate(String graphJson) throws PipelineException;
}
