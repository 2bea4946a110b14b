package dev.continuum.federated;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.continuum.federated.FederatedException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The signed form of a {@link ModelUpdate}, shaped like the update manifests' envelope
 * ({@code docs/updates.md}): {@code {"payloadType", "payload" (base64 of the update JSON), "signatures":
 * [{"keyid", "sig"}]}}, Ed25519 over a domain-separation prefix and the payload bytes as sent, so that
 * neither a model-update signature nor any other can be replayed as a training update.
 */
public final class SignedUpdate {

    public static final String PAYLOAD_TYPE = "application/vnd.continuum.federated-update+json";
    private static final byte[] PREFIX = ("continuum-federated-v1 " + PAYLOAD_TYPE + " ")
            .getBytes(StandardCharsets.UTF_8);
    private static final String ALGORITHM = "Ed25519";

    private SignedUpdate() {
    }

    /** The envelope JSON of {@code update}, signed with {@code key}. */
    public static byte[] sign(ModelUpdate update, PrivateKey key, PublicKey publicKey) {
        byte[] payload = update.toJson().toString().getBytes(StandardCharsets.UTF_8);
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(PREFIX);
            signature.update(payload);
            JsonObject sig = new JsonObject();
            sig.addProperty("keyid", keyId(publicKey));
            sig.addProperty("sig", Base64.getEncoder().encodeToString(signature.sign()));
            JsonArray signatures = new JsonArray();
            signatures.add(sig);
            JsonObject envelope = new JsonObject();
            envelope.addProperty("payloadType", PAYLOAD_TYPE);
            envelope.addProperty("payload", Base64.getEncoder().encodeToString(payload));
            envelope.add("signatures", signatures);
            return envelope.toString().getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * Verifies the envelope against {@code expected} (the sending gateway's enrolled key) and parses the
     * update inside.
     */
    public static ModelUpdate open(byte[] envelope, PublicKey expected) throws FederatedException {
        JsonObject root;
        byte[] payload;
        byte[] sig;
        String keyId;
        try {
            JsonElement element = JsonParser.parseString(new String(envelope, StandardCharsets.UTF_8));
            root = element.getAsJsonObject();
            if (!PAYLOAD_TYPE.equals(Jsons.text(root, "payloadType"))) {
                throw new FederatedException(Reason.MALFORMED, "payloadType is not " + PAYLOAD_TYPE);
            }
            payload = Base64.getDecoder().decode(Jsons.text(root, "payload"));
            JsonArray signatures = root.has("signatures") ? root.getAsJsonArray("signatures") : new JsonArray();
            if (signatures.isEmpty()) {
                throw new FederatedException(Reason.UNSIGNED, "the update carries no signature");
            }
            JsonObject first = signatures.get(0).getAsJsonObject();
            keyId = Jsons.text(first, "keyid");
            sig = Base64.getDecoder().decode(Jsons.text(first, "sig"));
        } catch (RuntimeException e) {
            throw new FederatedException(Reason.MALFORMED, "not a signed update envelope {\"payloadType\": \""
                    + PAYLOAD_TYPE + "\", \"payload\", \"signatures\"}: " + e.getMessage());
        }
        if (!keyId.equals(keyId(expected))) {
            throw new FederatedException(Reason.UNTRUSTED_KEY, "signed by key " + keyId + ", but the gateway's enrolled"
                    + " key is " + keyId(expected));
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(expected);
            verifier.update(PREFIX);
            verifier.update(payload);
            if (!verifier.verify(sig)) {
                throw new FederatedException(Reason.BAD_SIGNATURE, "the signature of key " + keyId
                        + " does not match the update");
            }
        } catch (GeneralSecurityException e) {
            throw new FederatedException(Reason.BAD_SIGNATURE, "the signature cannot be checked: " + e.getMessage());
        }
        try {
            return ModelUpdate.fromJson(JsonParser.parseString(new String(payload, StandardCharsets.UTF_8))
                    .getAsJsonObject());
        } catch (RuntimeException e) {
            throw new FederatedException(Reason.MALFORMED, "the signed update is not a valid update: " + e.getMessage());
        }
    }

    /** The first 16 hex digits of the SHA-256 of the key's X.509 encoding (as for update manifests). */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a base64 X.509 Ed25519 public key; {@code IllegalArgumentException} naming the problem. */
    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key: " + e.getMessage(), e);
        }
    }
}
