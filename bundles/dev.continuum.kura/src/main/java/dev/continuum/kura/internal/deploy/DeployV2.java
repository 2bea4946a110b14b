package dev.continuum.kura.internal.deploy;

import static dev.continuum.kura.internal.Replies.error;
import static dev.continuum.kura.internal.Replies.metrics;

import dev.continuum.api.update.UpdateAgent;
import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateRequest;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraRequest;
import dev.continuum.cloud.mqtt.kura.KuraRequestHandler;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import dev.continuum.kura.internal.Replies;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEPLOY-V2 over the update agent. {@code EXEC/download} fetches the signed manifest (metric
 * {@code dp.manifest.uri}, by default {@code dp.uri + ".update.json"}), then the package, verifies and
 * installs it with the health gate; progress goes out as NOTIFY download/install. Every state-changing
 * request is logged with its requester (audit); authentication is the broker's ACL on the control topics.
 */
@Component(service = KuraRequestHandler.class, property = KuraRequestHandler.APP_ID + "=" + DeployV2.APP_ID)
public final class DeployV2 implements KuraRequestHandler {

    static final String APP_ID = "DEPLOY-V2";
    static final String MANIFEST_SUFFIX = ".update.json";
    private static final Logger LOG = LoggerFactory.getLogger(DeployV2.class);

    private final BundleContext context;
    private final UpdateAgent agent;
    private final AtomicReference<DownloadJob> current = new AtomicReference<>();

    @Activate
    public DeployV2(BundleContext context, @Reference UpdateAgent agent) {
        this.context = context;
        this.agent = agent;
    }

    @Override
    public void handle(KuraRequest request, KuraResponder responder) {
        String resource = request.resources().isEmpty() ? "" : request.resources().get(0);
        switch (request.method() + " " + resource) {
            case "EXEC download" -> download(request, responder);
            case "GET download" -> downloadStatus(responder);
            case "GET install" -> installStatus(responder);
            case "EXEC uninstall" -> uninstall(request, responder);
            case "GET packages" -> responder.reply(200, Replies.body(DeployXml.packages(agent.packages())));
            case "GET bundles" -> responder.reply(200, Replies.body(DeployXml.bundles(context.getBundles())));
            case "EXEC start", "EXEC stop" -> startStop(request, responder);
            case "DEL download", "EXEC install" -> responder.reply(400, error(request.path() + " is not supported:"
                    + " the update agent downloads, verifies and installs in one job (EXEC/download), which cannot"
                    + " be cancelled once started"));
            default -> responder.reply(404, error("DEPLOY-V2 has no " + request.path() + "; accepted: EXEC/download,"
                    + " GET/download, GET/install, EXEC/uninstall, GET/packages, GET/bundles, EXEC/start/{id},"
                    + " EXEC/stop/{id}"));
        }
    }

    private void download(KuraRequest request, KuraResponder responder) {
        String uri = request.text("dp.uri");
        String jobText = request.text("job.id");
        if (uri == null || jobText == null) {
            responder.reply(400, error("EXEC/download needs the metrics dp.uri and job.id"));
            return;
        }
        if (!"true".equalsIgnoreCase(String.valueOf(request.payload().metrics().getOrDefault("dp.install", true)))) {
            responder.reply(400, error("dp.install=false is not supported: only verified packages are kept, and they"
                    + " are installed at once"));
            return;
        }
        URI manifest;
        long jobId;
        try {
            manifest = URI.create(request.text("dp.manifest.uri") != null ? request.text("dp.manifest.uri")
                    : uri + MANIFEST_SUFFIX);
            jobId = Long.parseLong(jobText);
        } catch (IllegalArgumentException e) {
            responder.reply(400, error("bad dp.uri, dp.manifest.uri or job.id: " + e.getMessage()));
            return;
        }
        DownloadJob job = new DownloadJob(jobId, request.text("dp.name"), request.text("dp.version"), responder);
        DownloadJob running = current.get();
        if (running != null && running.downloadStatus().equals(DownloadJob.IN_PROGRESS) || agent.busy()) {
            responder.reply(500, error("Another resource is already in download (job "
                    + (running == null ? "?" : running.jobId()) + ")"));
            return;
        }
        current.set(job);
        boolean downgrade = "true".equalsIgnoreCase(request.text("dp.install.downgrade"));
        LOG.info("DEPLOY-V2 job {}: download and install {} requested by {}", jobId, manifest,
                request.requesterClientId());
        agent.apply(new UpdateRequest(manifest, downgrade, false, request.requesterClientId()), job::progress)
                .whenComplete(job::finished);
        responder.reply(200, metrics("job.id", jobId));
    }

    private void downloadStatus(KuraResponder responder) {
        DownloadJob job = current.get();
        if (job == null) {
            responder.reply(200, metrics("dp.http.transfer.status", "IDLE"));
            return;
        }
        responder.reply(200, metrics("job.id", job.jobId(), "dp.http.transfer.size", job.bytes(),
                "dp.http.transfer.progress", job.downloadProgress(), "dp.http.transfer.status", job.downloadStatus()));
    }

    private void installStatus(KuraResponder responder) {
        DownloadJob job = current.get();
        responder.reply(200, metrics("dp.install.status", job == null ? "IDLE" : job.installStatus()));
    }

    private void uninstall(KuraRequest request, KuraResponder responder) {
        String name = request.text("dp.name");
        if (name == null) {
            responder.reply(400, error("EXEC/uninstall needs the metric dp.name"));
            return;
        }
        Object jobId = request.payload().metrics().get("job.id");
        LOG.info("DEPLOY-V2: uninstall {} requested by {}", name, request.requesterClientId());
        responder.reply(200, metrics("job.id", jobId));
        try {
            agent.uninstall(name);
            responder.notify("uninstall", metrics("job.id", jobId, "dp.name", name, "dp.uninstall.progress", 100,
                    "dp.uninstall.status", DownloadJob.COMPLETED));
        } catch (UpdateException e) {
            responder.notify("uninstall", metrics("job.id", jobId, "dp.name", name, "dp.uninstall.progress", 100,
                    "dp.uninstall.status", DownloadJob.FAILED, "dp.uninstall.error.message", e.getMessage(),
                    DownloadJob.REASON, e.reason().name()));
        }
    }

    private void startStop(KuraRequest request, KuraResponder responder) {
        List<String> resources = request.resources();
        Bundle bundle;
        try {
            bundle = resources.size() == 2 ? context.getBundle(Long.parseLong(resources.get(1))) : null;
        } catch (NumberFormatException e) {
            bundle = null;
        }
        if (bundle == null) {
            responder.reply(404, error("no bundle " + (resources.size() == 2 ? resources.get(1) : "(id missing)")
                    + "; expected EXEC/" + resources.get(0) + "/{bundle-id} (see GET/bundles)"));
            return;
        }
        LOG.info("DEPLOY-V2: {} bundle {} ({}) requested by {}", resources.get(0), bundle.getBundleId(),
                bundle.getSymbolicName(), request.requesterClientId());
        try {
            if (resources.get(0).equals("start")) {
                bundle.start();
            } else {
                bundle.stop();
            }
            responder.reply(200, new KuraPayload(System.currentTimeMillis(), java.util.Map.of(), null));
        } catch (BundleException | IllegalStateException e) {
            responder.reply(500, error(resources.get(0) + " of bundle " + bundle.getBundleId() + " failed: " + e));
        }
    }
}
