package dev.continuum.inference.remote.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.inference.InferenceResult;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.Window;
import dev.continuum.api.placement.RemoteInference;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatcherTest {

    /** Model runs seen by the service, by their window count; the first run waits for {@link #release}. */
    private final List<Integer> runs = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstRunStarted = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, KuraPayload> replies = new ConcurrentHashMap<>();

    /** Scores each window with its first value, so that a reply shows whose windows it carries. */
    private final InferenceService inference = (InferenceService) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {InferenceService.class}, (proxy, method, args) -> {
                if (!method.getName().equals("inferBatch")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                @SuppressWarnings("unchecked")
                List<Window> windows = (List<Window>) args[1];
                runs.add(windows.size());
                firstRunStarted.countDown();
                release.await(5, TimeUnit.SECONDS);
                List<InferenceResult> results = new ArrayList<>();
                for (Window w : windows) {
                    results.add(new InferenceResult((String) args[0], "1.0.0", w.values()[0], "normal", 0, w.start(),
                            w.end(), false));
                }
                return results;
            });

    private KuraResponder responder(String request) {
        return new KuraResponder() {
            @Override
            public CompletableFuture<Void> reply(int code, KuraPayload payload) {
                replies.put(request, payload);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Void> notify(String resource, KuraPayload payload) {
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    private static List<Window> windows(float... firstValues) {
        List<Window> windows = new ArrayList<>();
        for (float v : firstValues) {
            windows.add(new Window(Instant.EPOCH, Instant.EPOCH, new float[] {v, 0}, false));
        }
        return windows;
    }

    @Test
    void scoresTheQueuedRequestsOfSeveralGatewaysInOneRunAndRepliesToEachWithItsOwnScores() throws Exception {
        try (Batcher batcher = new Batcher(inference, 256, 0)) {
            batcher.submit(new Job("m", windows(1), responder("gw-1/1")));
            assertThat(firstRunStarted.await(5, TimeUnit.SECONDS)).isTrue();
            batcher.submit(new Job("m", windows(2, 3), responder("gw-1/2")));
            batcher.submit(new Job("m", windows(4), responder("gw-2/1")));
            release.countDown();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (replies.size() < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }

        assertThat(runs).containsExactly(1, 3);
        assertThat(RemoteInference.doubles(replies.get("gw-1/2").body())).containsExactly(2, 3);
        assertThat(RemoteInference.doubles(replies.get("gw-2/1").body())).containsExactly(4);
        assertThat(replies.get("gw-2/1").metrics()).containsEntry(RemoteInference.LABELS, "normal")
                .containsEntry(RemoteInference.VERSION, "1.0.0");
    }
}
