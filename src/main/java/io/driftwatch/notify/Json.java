package io.driftwatch.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.delivery.Payload;
import java.util.Optional;

/**
 * Builds, writes and reads the JSON trees channels send. Fields are written in insertion order and
 * without whitespace, so one event always renders to the same bytes; numbers that JSON cannot hold
 * (NaN, infinities) are written as {@code null}.
 *
 * <p>Thread-safe: the shared {@link ObjectMapper} is never reconfigured.
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Puts {@code value}, or null when JSON cannot represent it. */
    static ObjectNode number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
        return node;
    }

    static Payload payload(JsonNode node) {
        return Payload.of(node);
    }

    static String write(JsonNode node) {
        return payload(node).json();
    }

    /** The stored document as an object, or empty when it is not a JSON object. */
    static Optional<ObjectNode> readObject(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            return node instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
