package dev.continuum.itests.cloud;

import dev.continuum.api.cloud.CloudMessage;
import dev.continuum.api.data.TypedValue;
import dev.continuum.cloud.mqtt.internal.endpoint.MqttEndpoint;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Child JVM of {@link EndpointKillTest}: a real MQTT endpoint (outbox + client, outside OSGi) that publishes
 * as fast as its outbox accepts and prints {@code accepted SEQUENCE} for every confirmation, until killed.
 * With {@code publish=false} it only delivers what its outbox holds.
 *
 * <p>Arguments: {@code STORE_DIR BROKER_URI POLICY publish|drain [FORMAT]} (format default KURA).
 */
public final class EndpointKillChild {

    private EndpointKillChild() {
    }

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[0]);
        MqttEndpoint endpoint = MqttBench.endpoint(store, args[1], "kill", 200, "3.1.1",
                Map.of("durability", args[2], "clientId", "gw-kill", "account", "acme", "format",
                        args.length > 4 ? args[4] : "KURA", "sparkplugGroupId", "plant"));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.println("ready");
        out.flush();
        if (!"publish".equals(args[3])) {
            Thread.sleep(Long.MAX_VALUE);
        }
        for (int n = 0; ; n++) {
            CloudMessage message = CloudMessage.builder("kill/data").metric("n", TypedValue.ofInteger(n))
                    .body(new byte[100]).build();
            endpoint.publish(message).thenAccept(accepted -> {
                synchronized (out) {
                    out.println("accepted " + accepted.id().sequence());
                    out.flush();
                }
            });
            if (n % 200 == 199) {
                Thread.sleep(1);
            }
        }
    }
}
