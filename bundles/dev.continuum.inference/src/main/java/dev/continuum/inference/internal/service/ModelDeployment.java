package dev.continuum.inference.internal.service;

import dev.continuum.api.inference.ExecutionProvider;
import dev.continuum.api.inference.ModelOptions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** How one model runs (one factory configuration per model): execution provider, threads, drift limits. */
@Component(service = {}, configurationPid = ModelDeployment.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ModelDeployment.Config.class, factory = true)
public final class ModelDeployment {

    public static final String PID = "dev.continuum.inference.model";

    @ObjectClassDefinition(name = "Continuum inference model", description = "How one model of the model store runs.")
    public @interface Config {

        @AttributeDefinition(name = "Model", description = "The model's name in the store.")
        String name();

        @AttributeDefinition(name = "Execution provider", description = "Falls back to CPU with a warning when"
                + " the provider is not available.", options = {
                    @Option(label = "CPU", value = "CPU"),
                    @Option(label = "CUDA", value = "CUDA"),
                    @Option(label = "TensorRT", value = "TENSORRT")})
        String provider() default "CPU";

        @AttributeDefinition(name = "Intra-op threads", description = "0: ONNX Runtime's default.", min = "0")
        int intraOpThreads() default 1;

        @AttributeDefinition(name = "Inter-op threads", description = "0: ONNX Runtime's default.", min = "0")
        int interOpThreads() default 1;

        @AttributeDefinition(name = "Drift threshold", description = "Population stability index at or above"
                + " which an input or the score counts as drifting.")
        double driftThreshold() default 0.25;

        @AttributeDefinition(name = "Drift window", description = "Recent windows the drift is computed over.",
                min = "10")
        int driftWindow() default 500;
    }

    private final ModelHost host;
    private String name;

    @Activate
    public ModelDeployment(@Reference ModelHost host, Config config) {
        this.host = host;
        apply(config);
    }

    @Modified
    void modified(Config config) {
        if (!config.name().equals(name)) {
            host.unconfigure(name);
        }
        apply(config);
    }

    @Deactivate
    void deactivate() {
        host.unconfigure(name);
    }

    private void apply(Config config) {
        name = config.name();
        host.configure(name, new ModelOptions(ExecutionProvider.parse(config.provider()), config.intraOpThreads(),
                config.interOpThreads(), config.driftThreshold(), config.driftWindow()));
    }
}
