/**
 * Pipelines: directed acyclic graphs of components joined by wires, through which {@link
 * dev.continuum.api.pipeline.Record}s flow from sources (assets) through processing (filters, windows,
 * models, alarms) to sinks (publishers, actuators).
 *
 * <p>A pipeline is a factory configuration ({@link dev.continuum.api.pipeline.Pipelines#FACTORY_PID})
 * holding a graph in the shape of Eclipse Kura's WireGraph. Components are provided by
 * {@link dev.continuum.api.pipeline.ComponentFactory} services (the SPI integrators implement), found
 * by their {@link dev.continuum.api.pipeline.ComponentFactory#TYPE}.
 *
 * <p>Each wire is a bounded queue with a declared overflow policy, except where a linear run of
 * components is chained onto one thread (a component's only output into a component's only input);
 * a slow component stalls only what feeds it, never another pipeline.
 */
@Version("1.1.0")
package dev.continuum.api.pipeline;

import org.osgi.annotation.versioning.Version;
