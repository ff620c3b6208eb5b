package io.driftwatch.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.driftwatch.monitor.checks.Check;
import io.driftwatch.monitor.checks.QualityWindow;
import io.driftwatch.monitor.schedule.RunHistory;
import io.driftwatch.monitor.definitions.Monitor;
import java.util.Iterator;
import java.util.Map;

/**
 * The two representations whose fields are documents of their own: a monitor (its definition, as
 * submitted, plus id, version and times) and a check (the JSON result plus id and links).
 *
 * <p>Thread-safe: stateless.
 */
final class JsonDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private JsonDocuments() {
    }

    /** {@code {"id", "version", "createdAt", "updatedAt", …the definition, "links"}}. */
    static ObjectNode monitor(Monitor m) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", m.id());
        out.put("version", m.version());
        out.put("createdAt", m.createdAt().toString());
        out.put("updatedAt", m.updatedAt().toString());
        // Parsed as MonitorParser read it (JSON when it starts with a brace), whatever it was labelled.
        JsonNode definition = parse(m.text(), m.text().stripLeading().startsWith("{") ? JSON : YAML);
        for (Iterator<Map.Entry<String, JsonNode>> it = definition.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        }
        ObjectNode links = out.putObject("links");
        links.put("self", "/api/v1/monitors/" + m.id());
        links.put("checks", "/api/v1/monitors/" + m.id() + "/checks");
        links.put("dashboard", "/monitors/" + m.id());
        return out;
    }

    /**
     * The check's JSON result with {@code id}, {@code monitorId}, {@code datasetId}, {@code status}
     * and {@code links} first; for a check that could not run ({@code result} null), those fields and
     * its {@code error}.
     */
    static ObjectNode check(Check c, String result) {
        return check(c, result, null);
    }

    /** As {@link #check(Check, String)}, with its reference version and, for a scheduled check, what it read. */
    static ObjectNode check(Check c, String result, RunHistory.SourceRead source) {
        return check(c, result, source, null);
    }

    /**
     * As {@link #check(Check, String, RunHistory.SourceRead)}, with its model quality ({@code modelQuality}:
     * the coverage and latency of its labels and the quality known for it; absent without a model).
     */
    static ObjectNode check(Check c, String result, RunHistory.SourceRead source, QualityWindow quality) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", c.id());
        out.put("monitorId", c.monitorId());
        out.put("datasetId", c.datasetId());
        out.put("createdAt", c.createdAt().toString());
        if (c.referenceVersion() != null) {
            out.put("referenceVersion", c.referenceVersion());
        }
        if (source != null) {
            ObjectNode s = out.putObject("source");
            s.put("runKind", source.runKind());
            s.put("type", source.sourceType());
            s.put("location", source.location());
            s.put("fileName", source.fileName());
            s.put("windowStart", source.windowStart().toString());
            s.put("windowEnd", source.windowEnd().toString());
            s.put("chunk", source.chunk());
            if (source.rows() != null) {
                s.put("rows", source.rows());
            }
            if (source.bytes() != null) {
                s.put("bytes", source.bytes());
            }
        }
        if (result == null) {
            out.put("status", "failed");
            out.put("error", c.error());
            ObjectNode links = out.putObject("links");
            links.put("self", "/api/v1/checks/" + c.id());
            links.put("monitor", "/api/v1/monitors/" + c.monitorId());
            return out;
        }
        out.put("status", "ok");
        out.putPOJO("links", Links.ofCheck(c.id(), c.monitorId()));
        if (quality != null) {
            out.set("modelQuality", JSON.valueToTree(QualityWindowSummary.of(quality)));
        }
        JsonNode document = parse(result, JSON);
        for (Iterator<Map.Entry<String, JsonNode>> it = document.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static JsonNode parse(String text, ObjectMapper mapper) {
        try {
            JsonNode node = mapper.readTree(text);
            return node == null ? JSON.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored document does not parse: " + e.getOriginalMessage(), e);
        }
    }
}
