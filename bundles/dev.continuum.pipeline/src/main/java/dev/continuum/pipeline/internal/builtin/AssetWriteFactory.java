package dev.continuum.pipeline.internal.builtin;

import dev.continuum.api.asset.Asset;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.driver.WriteResult;
import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.api.pipeline.Record;
import dev.continuum.api.pipeline.RetryLaterException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code asset-write}: actuation. Writes the record's {@code field} (default {@code alarm}) to
 * {@code channel} of {@code asset}, e.g. to drive a relay when an anomaly alarm is raised. While the asset
 * is missing the record is kept and retried; a failed write is logged with the driver's reason.
 */
@org.osgi.service.component.annotations.Component(service = ComponentFactory.class,
        property = ComponentFactory.TYPE + "=asset-write")
public final class AssetWriteFactory extends RecordsComponentFactory {

    public AssetWriteFactory() {
        super(true);
    }

    private static final Logger LOG = LoggerFactory.getLogger(AssetWriteFactory.class);
    private final Map<String, Asset> assets = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAsset(Asset asset, Map<String, Object> properties) {
        assets.put(String.valueOf(properties.get(Asset.NAME)), asset);
    }

    void removeAsset(Asset asset, Map<String, Object> properties) {
        assets.remove(String.valueOf(properties.get(Asset.NAME)), asset);
    }

    /** Retries while the asset is missing; writes go to a device. */
    @Override
    public boolean ownThread() {
        return true;
    }

    @Override
    public Component create(ComponentContext context) throws PipelineException {
        String assetName = context.required("asset");
        String channel = context.required("channel");
        String field = context.string("field", "alarm");
        return new Component() {
            @Override
            public void accept(Record record, Emitter out) throws RetryLaterException {
                TypedValue value = record.field(field);
                if (value == null) {
                    return;
                }
                Asset asset = assets.get(assetName);
                if (asset == null) {
                    throw new RetryLaterException("no asset '" + assetName + "'");
                }
                asset.write(Map.of(channel, value)).whenComplete((results, error) -> log(results, error));
            }

            private void log(List<WriteResult> results, Throwable error) {
                if (error != null) {
                    LOG.error("pipeline {} component {}: writing {}/{} failed: {}", context.pipeline(),
                            context.name(), assetName, channel, error.getMessage());
                } else {
                    results.stream().filter(result -> !result.ok()).forEach(result -> LOG.error(
                            "pipeline {} component {}: writing {}/{} failed: {}", context.pipeline(),
                            context.name(), assetName, channel, result.message()));
                }
            }
        };
    }
}
