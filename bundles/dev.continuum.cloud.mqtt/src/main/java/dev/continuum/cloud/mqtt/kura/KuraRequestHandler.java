package dev.continuum.cloud.mqtt.kura;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A remote-management app on the Kura control topics (what Kura calls a request handler or cloudlet), e.g.
 * {@code DEPLOY-V2}. Registered as a whiteboard service with the {@link #APP_ID} property; every Kura MQTT
 * endpoint then routes {@code $EDC/account/client-id/APP_ID/METHOD/resource...} to it and lists the app in
 * its BIRTH certificate.
 *
 * <p><b>Threading.</b> {@link #handle} runs on the endpoint's control thread, one request at a time per
 * endpoint: return quickly and hand long work (downloads) to a thread of your own, replying or notifying
 * through the {@link KuraResponder} from there.
 *
 * <p><b>Security.</b> Requests are as authentic as the broker's ACL makes them: only identities allowed to
 * publish under the gateway's control topic can send them. Handlers log every state-changing request with
 * {@link KuraRequest#requesterClientId()}.
 */
@ConsumerType
public interface KuraRequestHandler {

    /** Service property: the app id, e.g. {@code DEPLOY-V2}. */
    String APP_ID = "kura.app.id";

    void handle(KuraRequest request, KuraResponder responder);
}
