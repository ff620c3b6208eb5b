package io.driftwatch.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What a trigger will send for one event, rendered when the event is recorded and stored (by the
 * outbox) until it is delivered: a JSON document describing the request(s), never a secret and
 * never an address (both come from the trigger's configuration when it sends). Store {@link #json()}
 * and rebuild with {@link #of(String)}.
 *
 * <p>Thread-safe: immutable.
 *
 * @param json the document, compact JSON
 */
public record Payload(String json) {
    static final ObjectMapper MAPPER = new ObjectMapper();

    public Payload {
        Objects.requireNonNull(json, "json");
    }

    /** A stored payload. */
    public static Payload of(String json) {
        return new Payload(json);
    }

    static Payload of(ObjectNode document) {
        try {
            return new Payload(MAPPER.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
    }

    /** The document as a tree (a fresh copy each call). */
    public JsonNode document() {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException("a stored trigger payload is not JSON: " + e.getOriginalMessage());
        }
    }
}
