package dev.continuum.kura.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.update.InstalledPackage;
import dev.continuum.api.update.UpdateManifest.PinnedBundle;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeployXmlTest {

    @Test
    void listsPackagesWithTheirBundlesInKurasShapeAndEscapesText() {
        String xml = DeployXml.packages(List.of(new InstalledPackage("a&b", "1.0.0",
                List.of(new PinnedBundle("x.y", "2.0.0")))));

        assertThat(xml).endsWith("<packages><package><name>a&amp;b</name><version>1.0.0</version><bundles><bundle>"
                + "<name>x.y</name><version>2.0.0</version></bundle></bundles></package></packages>");
    }

    @Test
    void namesBundleStatesAsKuraDoes() {
        assertThat(DeployXml.state(org.osgi.framework.Bundle.ACTIVE)).isEqualTo("ACTIVE");
        assertThat(DeployXml.state(org.osgi.framework.Bundle.RESOLVED)).isEqualTo("RESOLVED");
    }
}
