package dev.continuum.console.internal.rest;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;

/**
 * Long operations started through the API (model validation and installation) and their progress, so the
 * console can show it: {@code GET /api/v1/jobs/{id}}. Finished jobs are kept for the last 100.
 */
@Component(service = ModelJobs.class)
public final class ModelJobs {

    /** A job's state: RUNNING, DONE or FAILED, with the step it is at or the error. */
    public record Job(String id, String kind, String subject, String state, String step, String message,
            long started, long finished) {
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    public Job start(String kind, String subject, String step, CompletableFuture<?> work) {
        Job job = new Job(UUID.randomUUID().toString(), kind, subject, "RUNNING", step, "",
                System.currentTimeMillis(), 0);
        jobs.put(job.id(), job);
        if (jobs.size() > 100) {
            jobs.values().removeIf(j -> !j.state().equals("RUNNING") && j.finished() < System.currentTimeMillis() - 600_000);
        }
        work.whenComplete((result, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            jobs.put(job.id(), new Job(job.id(), kind, subject, failure == null ? "DONE" : "FAILED",
                    failure == null ? "active" : "rejected", failure == null ? "" : String.valueOf(cause.getMessage()),
                    job.started(), System.currentTimeMillis()));
        });
        return jobs.get(job.id());
    }

    public Job get(String id) {
        return jobs.get(id);
    }
}
