package dev.continuum.api.pipeline;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The pipeline SPI: a service that creates components of one type. Register it with the service property
 * {@link #TYPE}; graphs refer to components by that type.
 *
 * <p>When the bundle providing a factory goes away (an update), the pipeline keeps the components' input
 * queues (bounded, with their overflow policy), and creates new components when a factory of the type
 * returns.
 */
@ConsumerType
public interface ComponentFactory {

    /** Service property: the component type name used in graphs, e.g. {@code filter}. */
    String TYPE = "pipeline.component.type";
    /** How often {@link Component#tick} is called, in milliseconds. */
    long TICK_MILLIS = 100;

    /** What the component's input accepts; {@link PortType#NONE} for sources. */
    PortType input();

    /** What the component emits; {@link PortType#NONE} for sinks. */
    PortType output();

    /**
     * Creates a component. Invalid configuration (a missing key, an expression that does not compile)
     * fails here, so the graph is rejected before it runs.
     *
     * @throws PipelineException naming the component, the key and what is accepted
     */
    Component create(ComponentContext context) throws PipelineException;

    /**
     * Whether components of this type need a thread of their own. By default a component whose input is
     * wired from exactly one component, which feeds only it, runs on that component's thread and is called
     * directly from its {@link Emitter} (operator chaining: no queue and no thread hand-off between them).
     * Return {@code true} for components that block (device or network I/O, {@link RetryLaterException}
     * for long periods), that take long per record (model inference), or that emit through
     * {@link ComponentContext#output()} from threads of their own: they then always run on their own
     * thread with a bounded queue before them, and what they emit is queued for the next component.
     *
     * @since 1.1
     */
    default boolean ownThread() {
        return false;
    }
}
