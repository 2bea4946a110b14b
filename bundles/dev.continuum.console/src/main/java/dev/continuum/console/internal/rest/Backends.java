package dev.continuum.console.internal.rest;

import dev.continuum.api.asset.Asset;
import dev.continuum.api.cloud.CloudEndpoint;
import dev.continuum.api.driver.Driver;
import dev.continuum.api.health.GatewayHealth;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.pipeline.Pipelines;
import dev.continuum.api.placement.PlacementService;
import dev.continuum.api.update.UpdateAgent;
import dev.continuum.console.internal.http.ApiError;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.metatype.MetaTypeService;

/**
 * The gateway services the API exposes, each optional and dynamic: the console runs with whatever
 * subset of features is installed, and a resource whose service is missing answers 503 saying so.
 */
@Component(service = Backends.class)
public final class Backends {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile GatewayHealth health;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Pipelines pipelines;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile InferenceService inference;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConfigurationAdmin configAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile MetaTypeService metaType;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile DeploymentAdmin deploymentAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile UpdateAgent updateAgent;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PlacementService placement;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    final List<Asset> assets = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    final List<CloudEndpoint> endpoints = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    final List<Driver> drivers = new CopyOnWriteArrayList<>();

    public Optional<GatewayHealth> health() {
        return Optional.ofNullable(health);
    }

    public Pipelines pipelines() {
        return require(pipelines, "the pipeline runtime");
    }

    public Optional<Pipelines> pipelinesIfAny() {
        return Optional.ofNullable(pipelines);
    }

    public InferenceService inference() {
        return require(inference, "the inference service");
    }

    public ConfigurationAdmin configAdmin() {
        return require(configAdmin, "Configuration Admin");
    }

    public MetaTypeService metaType() {
        return require(metaType, "the MetaType service");
    }

    public DeploymentAdmin deploymentAdmin() {
        return require(deploymentAdmin, "Deployment Admin");
    }

    /** The update agent: the only way packages are installed (signed manifests, health gate, rollback). */
    public UpdateAgent updateAgent() {
        return require(updateAgent, "the update agent (feature update)");
    }

    /** The placement controller (feature placement). */
    public PlacementService placement() {
        return require(placement, "the placement controller (feature placement)");
    }

    public Optional<PlacementService> placementIfAny() {
        return Optional.ofNullable(placement);
    }

    public List<Asset> assets() {
        return assets.stream().sorted(Comparator.comparing(Asset::name)).toList();
    }

    public Asset asset(String name) {
        return assets.stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiError.notFound("no asset '" + name + "'; GET /api/v1/assets lists them"));
    }

    public List<Driver> drivers() {
        return drivers.stream().sorted(Comparator.comparing(Driver::instance)).toList();
    }

    public Driver driver(String instance) {
        return drivers.stream().filter(d -> d.instance().equals(instance)).findFirst()
                .orElseThrow(() -> ApiError.notFound("no driver instance '" + instance + "'; GET /api/v1/drivers lists them"));
    }

    public List<CloudEndpoint> endpoints() {
        return endpoints.stream().sorted(Comparator.comparing(CloudEndpoint::name)).toList();
    }

    private static <T> T require(T service, String what) {
        if (service == null) {
            throw ApiError.unavailable(what);
        }
        return service;
    }
}
