package dev.continuum.kura.internal.deploy;

import static dev.continuum.kura.internal.Replies.metrics;

import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateProgress;
import dev.continuum.api.update.UpdateProgress.Phase;
import dev.continuum.api.update.UpdateResult;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import java.util.concurrent.CompletionException;

/**
 * One DEPLOY-V2 download-and-install job: turns the update agent's progress into Kura's
 * {@code NOTIFY/client-id/download} and {@code NOTIFY/client-id/install} messages.
 */
final class DownloadJob {

    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";
    /** Our extension: the update agent's reason for a refusal ({@code UpdateException.Reason}). */
    static final String REASON = "dp.update.reason";

    private final long jobId;
    private final String name;
    private final String version;
    private final KuraResponder responder;
    private volatile boolean downloaded;
    private volatile String downloadStatus = IN_PROGRESS;
    private volatile int downloadProgress;
    private volatile long bytes;
    private volatile String installStatus = "IDLE";

    DownloadJob(long jobId, String name, String version, KuraResponder responder) {
        this.jobId = jobId;
        this.name = name;
        this.version = version;
        this.responder = responder;
    }

    long jobId() {
        return jobId;
    }

    String downloadStatus() {
        return downloadStatus;
    }

    int downloadProgress() {
        return downloadProgress;
    }

    long bytes() {
        return bytes;
    }

    String installStatus() {
        return installStatus;
    }

    /** The agent's listener: on the agent's thread. */
    void progress(UpdateProgress step) {
        if (step.phase() == Phase.DOWNLOADING) {
            downloadProgress = step.percent();
            bytes = step.bytes();
            notifyDownload(IN_PROGRESS, null, null);
        } else if (step.phase() == Phase.INSTALLING || step.phase() == Phase.HEALTH_CHECK
                || step.phase() == Phase.ROLLING_BACK) {
            completeDownload();
            installStatus = "INSTALLING BUNDLE";
            int progress = step.phase() == Phase.INSTALLING ? 10 : step.phase() == Phase.HEALTH_CHECK ? 50 : 90;
            notifyInstall(IN_PROGRESS, progress, step.phase() == Phase.ROLLING_BACK ? step.message() : null, null);
        }
    }

    void finished(UpdateResult result, Throwable error) {
        Throwable cause = error instanceof CompletionException ? error.getCause() : error;
        String reason = cause instanceof UpdateException update ? update.reason().name() : null;
        String message = cause == null ? null : cause.getMessage();
        if (cause == null) {
            completeDownload();
            installStatus = "IDLE";
            notifyInstall(COMPLETED, 100, null, null);
        } else if (!downloaded) {
            downloadStatus = FAILED;
            notifyDownload(FAILED, message, reason);
        } else {
            installStatus = "IDLE";
            notifyInstall(FAILED, 100, message, reason);
        }
    }

    private void completeDownload() {
        if (!downloaded) {
            downloaded = true;
            downloadStatus = COMPLETED;
            downloadProgress = 100;
            notifyDownload(COMPLETED, null, null);
        }
    }

    private void notifyDownload(String status, String error, String reason) {
        responder.notify("download", metrics("job.id", jobId, "dp.name", name, "dp.version", version,
                "dp.download.size", bytes, "dp.download.progress", downloadProgress, "dp.download.status", status,
                "dp.download.error.message", error, REASON, reason));
    }

    private void notifyInstall(String status, int progress, String error, String reason) {
        responder.notify("install", metrics("job.id", jobId, "dp.name", name, "dp.version", version,
                "dp.install.progress", progress, "dp.install.status", status, "dp.install.error.message", error,
                REASON, reason));
    }
}
