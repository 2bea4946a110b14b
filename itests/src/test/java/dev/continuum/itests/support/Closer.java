package dev.continuum.itests.support;

import java.util.ArrayList;
import java.util.List;

/** What a test opened, closed in reverse order (brokers, subscribers, mounts, processes). */
public final class Closer implements AutoCloseable {

    private final List<AutoCloseable> resources = new ArrayList<>();

    /** Registers {@code resource} and returns it. */
    public <T extends AutoCloseable> T add(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        resources.clear();
    }
}
