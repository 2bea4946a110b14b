package dev.continuum.pipeline.internal.run;

import dev.continuum.api.pipeline.ComponentFactory;
import java.util.Collection;

/** The component factories registered now, by type. */
public interface FactoryLookup {

    /** The factory of {@code type}, or {@code null}. */
    ComponentFactory factory(String type);

    /** Every registered type. */
    Collection<String> types();
}
