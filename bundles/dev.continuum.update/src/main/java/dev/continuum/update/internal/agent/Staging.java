package dev.continuum.update.internal.agent;

import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateException.Reason;
import dev.continuum.api.update.UpdateManifest;
import dev.continuum.api.update.UpdateManifest.Artifact;
import dev.continuum.api.update.UpdateProgress;
import dev.continuum.api.update.UpdateProgress.Phase;
import dev.continuum.update.internal.fetch.Fetcher;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Downloads the artifacts of a verified manifest into the staging directory, bounded and hashed. */
final class Staging {

    private static final long NOTIFY_EVERY_BYTES = 64 * 1024;

    private final Fetcher fetcher;
    private final Path directory;
    private final long maxArtifactBytes;

    Staging(Fetcher fetcher, Path directory, long maxArtifactBytes) {
        this.fetcher = fetcher;
        this.directory = directory;
        this.maxArtifactBytes = maxArtifactBytes;
    }

    /** The staged files in manifest order; nothing is left behind when it fails. */
    List<Path> download(URI manifestUri, UpdateManifest manifest, Consumer<UpdateProgress> progress)
            throws UpdateException {
        long total = 0;
        for (Artifact artifact : manifest.artifacts()) {
            if (artifact.size() > maxArtifactBytes) {
                throw new UpdateException(Reason.OVERSIZE, "artifact " + artifact.name() + " declares " + artifact.size()
                        + " bytes; this gateway accepts at most " + maxArtifactBytes + " (maxArtifactBytes)");
            }
            total += artifact.size();
        }
        List<Path> files = new ArrayList<>();
        long done = 0;
        try {
            for (Artifact artifact : manifest.artifacts()) {
                Path file = directory.resolve(manifest.name() + "-" + manifest.version() + "-" + artifact.name());
                files.add(file);
                long before = done;
                long all = Math.max(1, total);
                long[] notified = {0};
                fetcher.download(manifestUri.resolve(artifact.name()), file, artifact.size(), artifact.sha256(), bytes -> {
                    if (bytes - notified[0] >= NOTIFY_EVERY_BYTES || bytes == artifact.size()) {
                        notified[0] = bytes;
                        progress.accept(new UpdateProgress(manifest.name(), Phase.DOWNLOADING,
                                (int) ((before + bytes) * 100 / all), before + bytes, artifact.name()));
                    }
                });
                done += artifact.size();
            }
            return files;
        } catch (UpdateException e) {
            delete(files);
            throw e;
        }
    }

    static void delete(List<Path> files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A leftover staged file is overwritten by the next download of that name.
            }
        }
    }
}
