package io.driftwatch.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A rendered event: the JSON document a channel or trigger will send, as {@link Receiver}'s
 * {@code render} produced it and the outbox stores it. It never holds a secret or an address (routing
 * keys, signatures, tokens and URLs are added from the configuration by {@link Receiver#send}). Store
 * {@link #json()} and rebuild with {@link #of(String)}.
 *
 * <p>Thread-safe: immutable.
 *
 * @param json the document, compact JSON, sent as its UTF-8 bytes
 */
public record Payload(String json) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Payload {
        Objects.requireNonNull(json, "json");
    }

    /** A stored payload. */
    public static Payload of(String json) {
        return new Payload(json);
    }

    /**
     * {@code document} written compactly, fields in insertion order: one tree always gives the same
     * bytes.
     */
    public static Payload of(JsonNode document) {
        try {
            return new Payload(MAPPER.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain nodes always serialises
        }
    }

    /** The bytes sent on the wire (and signed, for the generic webhook). */
    public byte[] bytes() {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The document as a tree (a fresh copy each call).
     *
     * @throws InvalidPayloadException when the stored text is not JSON
     */
    public JsonNode document() {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException("a stored payload is not JSON: " + e.getOriginalMessage());
        }
    }
}
