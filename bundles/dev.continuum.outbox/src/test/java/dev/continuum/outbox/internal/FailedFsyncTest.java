package dev.continuum.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.CloudException;
import dev.continuum.outbox.OutboxRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailedFsyncTest {

    @TempDir
    Path dir;

    @Test
    void aMessageWhoseFsyncFailedIsReportedAsWrittenButNotDurableAndIsStillDelivered() throws Exception {
        Path file = dir.resolve("fsync.mv");
        PowerCutFilePath.Watched watched = PowerCutFilePath.watched(file);
        MvOutbox outbox = MvOutbox.open(PowerCutTest.withoutCompaction("fsync", file), PowerCutFilePath.options(-1));
        try {
            watched.failForcesWith(new IOException("Input/output error"));

            assertThat(outbox.append("unsure", new byte[10], 1, false, 5)).failsWithin(Duration.ofSeconds(10))
                    .withThrowableOfType(ExecutionException.class).satisfies(e -> {
                        assertThat(e.getCause()).isInstanceOf(CloudException.class)
                                .hasMessageContaining("fsync of").hasMessageContaining("Input/output error")
                                .hasMessageContaining("written and is still delivered")
                                .hasMessageNotContaining("not stored");
                        assertThat(((CloudException) e.getCause()).reason())
                                .isEqualTo(CloudException.Reason.STORE_FAILURE);
                    });
            assertThat(outbox.writeRefusal()).as("new messages are refused meanwhile").contains("Input/output error");

            assertThat(outbox.next(10, 5000)).extracting(OutboxRecord::topic).containsExactly("unsure");
        } finally {
            watched.failForcesWith(null);
            outbox.close();
        }
    }
}
