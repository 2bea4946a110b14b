package dev.continuum.console.internal.rest;

import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateProgress;
import dev.continuum.api.update.UpdateProgress.Phase;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.osgi.service.component.annotations.Component;

/**
 * Long operations started through the API (model verification and validation, package downloads) and their
 * progress, so the console can show it: {@code GET /api/v1/jobs/{id}}. Finished jobs are kept 10 minutes
 * once more than 100 are known.
 */
@Component(service = ModelJobs.class)
public final class ModelJobs {

    /**
     * A job's state: RUNNING, DONE or FAILED, with the step it is at (and its percent, -1 when unknown) or
     * the error; {@code reason} is the update agent's refusal reason (UNSIGNED, TAMPERED, ...) when it failed.
     */
    public record Job(String id, String kind, String subject, String state, String step, int percent, long bytes,
            String message, String reason, long started, long finished) {
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    /** A running job; report with {@link #progress} and end with {@link #finish}. */
    public Job start(String kind, String subject, String step) {
        Job job = new Job(UUID.randomUUID().toString(), kind, subject, "RUNNING", step, -1, 0, "", "",
                System.currentTimeMillis(), 0);
        jobs.put(job.id(), job);
        if (jobs.size() > 100) {
            jobs.values().removeIf(j -> !j.state().equals("RUNNING") && j.finished() < System.currentTimeMillis() - 600_000);
        }
        return job;
    }

    /** The running job {@code id} is at {@code step}; {@code bytes} transferred so far (kept once the transfer ends). */
    public void progress(String id, String step, int percent, long bytes) {
        jobs.computeIfPresent(id, (key, job) -> job.state().equals("RUNNING") ? new Job(id, job.kind(), job.subject(),
                job.state(), step, percent, Math.max(job.bytes(), bytes), job.message(), "", job.started(), 0) : job);
    }

    /** The running job {@code id} follows an update agent's progress. */
    public void progress(String id, UpdateProgress progress) {
        progress(id, progress.phase() == Phase.DOWNLOADING ? "fetching " + progress.message() : progress.message(),
                percent(progress), progress.bytes());
    }

    /** The whole update's progress from the agent's phase and the phase's percent. */
    static int percent(UpdateProgress progress) {
        return switch (progress.phase()) {
            case VERIFYING_MANIFEST -> 5;
            case DOWNLOADING -> 10 + progress.percent() * 30 / 100;
            case INSTALLING -> 50;
            case HEALTH_CHECK -> 80;
            case ROLLING_BACK -> 90;
            case COMMITTED, FAILED -> 100;
        };
    }

    /** Ends the job: DONE at {@code doneStep} when {@code failure} is null, else FAILED with its message. */
    public void finish(String id, Throwable failure, String doneStep) {
        Throwable cause = (failure instanceof CompletionException || failure instanceof ExecutionException)
                && failure.getCause() != null ? failure.getCause() : failure;
        jobs.computeIfPresent(id, (key, job) -> new Job(id, job.kind(), job.subject(),
                cause == null ? "DONE" : "FAILED", cause == null ? doneStep : "rejected", cause == null ? 100 : job.percent(),
                job.bytes(),
                cause == null ? "" : String.valueOf(cause.getMessage()),
                cause instanceof UpdateException refused ? refused.reason().name() : "",
                job.started(), System.currentTimeMillis()));
    }

    public Job get(String id) {
        return jobs.get(id);
    }
}
