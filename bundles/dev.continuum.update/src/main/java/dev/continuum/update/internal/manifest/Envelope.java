package dev.continuum.update.internal.manifest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The signed form of a manifest: {@code {"payloadType", "payload" (base64 of the manifest JSON),
 * "signatures": [{"keyid", "sig"}]}}. The signature covers the payload bytes exactly as sent, behind a
 * domain-separation prefix, so that no JSON canonicalisation is needed and a signature made for another
 * purpose cannot be replayed as an update signature (the idea of DSSE).
 *
 * @param payload the manifest JSON as signed
 * @param signatures the signatures, any of which may verify
 */
public record Envelope(byte[] payload, List<Sig> signatures) {

    public static final String PAYLOAD_TYPE = "application/vnd.continuum.update+json";
    private static final byte[] PREFIX = ("continuum-update-v1 " + PAYLOAD_TYPE + " ").getBytes(StandardCharsets.UTF_8);

    /** One signature: who (key id) and the Ed25519 signature bytes. */
    public record Sig(String keyId, byte[] signature) {
    }

    /** Parses the envelope; UNSIGNED when there is no signature, MALFORMED when it is not an envelope. */
    public static Envelope parse(byte[] bytes) throws UpdateException {
        JsonObject root;
        try {
            JsonElement element = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
            if (!element.isJsonObject()) {
                throw new UpdateException(Reason.MALFORMED, "the signed manifest is not a JSON object; expected"
                        + " {\"payloadType\", \"payload\", \"signatures\"}");
            }
            root = element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new UpdateException(Reason.MALFORMED, "the signed manifest is not JSON: " + e.getMessage(), e);
        }
        if (!root.has("payload")) {
            throw new UpdateException(Reason.UNSIGNED, "no signed envelope: expected {\"payloadType\": \""
                    + PAYLOAD_TYPE + "\", \"payload\": base64, \"signatures\": [...]}, got a bare document");
        }
        String type = root.has("payloadType") ? root.get("payloadType").getAsString() : "";
        if (!PAYLOAD_TYPE.equals(type)) {
            throw new UpdateException(Reason.MALFORMED, "payloadType '" + type + "' is not " + PAYLOAD_TYPE);
        }
        byte[] payload;
        List<Sig> signatures = new ArrayList<>();
        try {
            payload = Base64.getDecoder().decode(root.get("payload").getAsString());
            JsonArray array = root.has("signatures") ? root.getAsJsonArray("signatures") : new JsonArray();
            for (JsonElement sig : array) {
                JsonObject object = sig.getAsJsonObject();
                signatures.add(new Sig(object.get("keyid").getAsString(),
                        Base64.getDecoder().decode(object.get("sig").getAsString())));
            }
        } catch (RuntimeException e) {
            throw new UpdateException(Reason.MALFORMED, "unreadable envelope field: " + e.getMessage(), e);
        }
        if (signatures.isEmpty()) {
            throw new UpdateException(Reason.UNSIGNED, "the manifest carries no signature");
        }
        return new Envelope(payload, signatures);
    }

    /** Signs {@code payload} with {@code key}. */
    public static Envelope sign(byte[] payload, PrivateKey key, PublicKey publicKey) {
        try {
            Signature signer = Signature.getInstance(Keys.ALGORITHM);
            signer.initSign(key);
            signer.update(signingInput(payload));
            return new Envelope(payload, List.of(new Sig(Keys.keyId(publicKey), signer.sign())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
        }
    }

    /** Whether {@code sig} is a valid signature of this payload by {@code key}. */
    public boolean verifies(Sig sig, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance(Keys.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(signingInput(payload));
            return verifier.verify(sig.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public byte[] toJson() {
        JsonObject root = new JsonObject();
        root.addProperty("payloadType", PAYLOAD_TYPE);
        root.addProperty("payload", Base64.getEncoder().encodeToString(payload));
        JsonArray array = new JsonArray();
        for (Sig sig : signatures) {
            JsonObject object = new JsonObject();
            object.addProperty("keyid", sig.keyId());
            object.addProperty("sig", Base64.getEncoder().encodeToString(sig.signature()));
            array.add(object);
        }
        root.add("signatures", array);
        return (root + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] signingInput(byte[] payload) {
        ByteArrayOutputStream input = new ByteArrayOutputStream(PREFIX.length + payload.length);
        input.writeBytes(PREFIX);
        input.writeBytes(payload);
        return input.toByteArray();
    }
}
