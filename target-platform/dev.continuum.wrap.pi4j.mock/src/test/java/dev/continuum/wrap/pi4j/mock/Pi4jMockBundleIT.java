package dev.continuum.wrap.pi4j.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import dev.continuum.wrap.testkit.TestFramework;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * Boots Felix with the packaged wrapper plus pi4j-core (slf4j from the system bundle) and drives a
 * mock digital input through a Pi4J context built explicitly from the exported provider.
 */
class Pi4jMockBundleIT {

    @TempDir Path storage;

    @Test
    void mockProviderBuildsAnInputInsideOsgiThatFiresEdgeEvents() throws Exception {
        List<Path> bundles = TestFramework.wrapperAndRuntimeBundles();

        try (TestFramework osgi = TestFramework.start(storage)) {
            List<Bundle> installed = osgi.installAndStart(bundles);

            assertThat(TestFramework.probe(MockInputProbe.class, installed.toArray(Bundle[]::new)))
                    .containsExactly("state LOW", "event HIGH", "event LOW", "state LOW");
        }
    }

    /** Runs inside the wrapper's class space (see {@link TestFramework#probe}). */
    public static final class MockInputProbe implements Callable<List<String>> {
        @Override
        public List<String> call() {
            List<String> seen = new CopyOnWriteArrayList<>();
            Context pi4j = Pi4J.newContextBuilder()
                    .noAutoDetect()
                    .add(MockDigitalInputProvider.newInstance())
                    .build();
            try {
                DigitalInput input = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                        .id("probe-in")
                        .address(17)
                        .provider(MockDigitalInputProvider.ID));
                seen.add("state " + input.state());
                input.addListener(event -> seen.add("event " + event.state()));
                ((MockDigitalInput) input).mockState(DigitalState.HIGH);
                ((MockDigitalInput) input).mockState(DigitalState.LOW);
                seen.add("state " + input.state());
            } finally {
                pi4j.shutdown();
            }
            return seen;
        }
    }
}
