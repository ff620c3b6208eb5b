package io.driftwatch.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The symmetric signature of the Standard Webhooks specification (1.0.0): HMAC-SHA256, keyed with
 * the base64-decoded secret that follows {@code whsec_}, over
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, sent as {@code v1,<base64 signature>}.
 *
 * <p>Thread-safe: immutable (a fresh {@link Mac} per signature).
 */
final class WebhookSignature {
    static final String SECRET_PREFIX = "whsec_";
    /** The specification's bounds on a symmetric secret: 24 to 64 bytes. */
    static final int MIN_KEY_BYTES = 24;
    static final int MAX_KEY_BYTES = 64;

    private final SecretKeySpec key;

    private WebhookSignature(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * The signer for a secret in the specification's form, {@code whsec_} then base64.
     *
     * @throws IllegalArgumentException when the secret is not of that form or not 24 to 64 bytes
     */
    static WebhookSignature fromSecret(String secret) {
        return new WebhookSignature(decode(secret));
    }

    /** The key bytes of a {@code whsec_} secret; see {@link #fromSecret}. */
    static byte[] decode(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + SECRET_PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is " + SECRET_PREFIX + " followed by base64", e);
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("a webhook secret decodes to " + MIN_KEY_BYTES + " to "
                    + MAX_KEY_BYTES + " bytes, not " + key.length);
        }
        return key;
    }

    /** The {@code webhook-signature} header value for one attempt: {@code v1,<base64>}. */
    String sign(String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature{v1, key=***}";
    }
}
