package io.driftwatch.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a run's metrics, params and tags into {@code runs/log-batch} bodies within MLflow's
 * limits: at most {@value #MAX_METRICS} metrics, {@value #MAX_PARAMS} params and
 * {@value #MAX_TAGS} tags per request, and {@value #MAX_ITEMS} items in total. Params and tags go
 * first; a completion tag, if given, goes in the last body, so its presence on the run means that
 * every body before it was written.
 *
 * <p>Thread-safe: stateless.
 */
final class LogBatches {
    static final int MAX_METRICS = 1000;
    static final int MAX_PARAMS = 100;
    static final int MAX_TAGS = 100;
    static final int MAX_ITEMS = 1000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LogBatches() {
    }

    /**
     * The bodies (without {@code run_id}) for {@code metrics} (objects with key and value, given
     * {@code timestamp} and step 0 here), {@code params} and {@code tags} (objects with key and
     * value), ending with {@code lastTag} when it is not null.
     */
    static List<ObjectNode> split(JsonNode metrics, JsonNode params, JsonNode tags, long timestamp, ObjectNode lastTag) {
        List<ObjectNode> bodies = new ArrayList<>();
        int m = 0;
        int p = 0;
        int t = 0;
        while (m < metrics.size() || p < params.size() || t < tags.size() || bodies.isEmpty()) {
            ObjectNode body = NODES.objectNode();
            ArrayNode ms = body.putArray("metrics");
            ArrayNode ps = body.putArray("params");
            ArrayNode ts = body.putArray("tags");
            while (p < params.size() && ps.size() < MAX_PARAMS) {
                ps.add(params.get(p++));
            }
            while (t < tags.size() && ts.size() < MAX_TAGS) {
                ts.add(tags.get(t++));
            }
            int room = Math.min(MAX_METRICS, MAX_ITEMS - ps.size() - ts.size());
            while (m < metrics.size() && ms.size() < room) {
                ObjectNode metric = ms.addObject();
                metric.put("key", metrics.get(m).path("key").asText());
                metric.put("value", metrics.get(m).path("value").asDouble());
                metric.put("timestamp", timestamp);
                metric.put("step", 0);
                m++;
            }
            bodies.add(body);
        }
        if (lastTag != null) {
            ObjectNode last = bodies.get(bodies.size() - 1);
            int items = last.get("metrics").size() + last.get("params").size() + last.get("tags").size();
            if (last.get("tags").size() >= MAX_TAGS || items >= MAX_ITEMS) {
                last = NODES.objectNode();
                last.putArray("metrics");
                last.putArray("params");
                last.putArray("tags");
                bodies.add(last);
            }
            ((ArrayNode) last.get("tags")).add(lastTag);
        }
        return bodies;
    }
}
