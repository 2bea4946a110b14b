package dev.continuum.pipeline.internal.run;

import dev.continuum.api.pipeline.ComponentFactory;

/**
 * A factory (of this bundle) whose components may run on the threads of the source before them instead of a
 * thread of their own: their {@code accept} takes microseconds and hands the real work to threads of their
 * own (the inference service's scoring pool), and waits only for back-pressure (a full queue of theirs, as a
 * full {@code BLOCK} queue before them would make the source wait). A source wired only to such a component
 * (one input, chaining on, not {@code DROP_OLDEST}) forms a chain without a thread: a sample costs a direct
 * call instead of a queue hand-off and a wake-up of a thread per component. Such components emit from threads
 * of their own, so they still end their chain (their factories say {@link #ownThread()}).
 */
public interface RunsOnSourceThreads extends ComponentFactory {
}
