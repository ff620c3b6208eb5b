package io.driftwatch.notify;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A rendered alert: the exact JSON document a channel sends, as {@link Channel#render} produced it
 * and the outbox stores it. It never holds a secret (no routing key, no signature); those are added
 * by {@link Channel#send} at delivery time.
 *
 * <p>Thread-safe: immutable.
 *
 * @param json the JSON document, sent as its UTF-8 bytes
 */
public record Payload(String json) {
    public Payload {
        Objects.requireNonNull(json, "json");
    }

    /** The bytes sent on the wire (and signed, for the generic webhook). */
    public byte[] bytes() {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
