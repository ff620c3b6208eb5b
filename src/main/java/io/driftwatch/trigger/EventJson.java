package io.driftwatch.trigger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.drift.DatasetDrift;
import java.net.URI;
import java.util.Locale;

/**
 * The JSON document of a {@link RetrainEvent}, as the HTTP trigger posts it (version
 * {@value #SCHEMA_VERSION}; fields in {@code docs/triggers.md}). Names follow the check's JSON
 * result where they overlap ({@code datasetDrift}, {@code columns}); numbers that are not finite
 * are written as {@code null}.
 *
 * <p>Thread-safe: stateless.
 */
final class EventJson {
    /** Changes when a field is removed, renamed or changes meaning. */
    static final int SCHEMA_VERSION = 1;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventJson() {
    }

    static ObjectNode document(RetrainEvent e) {
        ObjectNode d = NODES.objectNode();
        d.put("schemaVersion", SCHEMA_VERSION);
        d.put("kind", kind(e.kind()));
        d.put("monitor", e.monitor());
        d.put("incidentId", e.incidentId());
        d.put("checkId", e.checkId());
        d.put("occurredAt", e.occurredAt().toString());
        d.set("datasetDrift", dataset(e.dataset()));
        ArrayNode columns = d.putArray("columns");
        for (RetrainEvent.Column c : e.columns()) {
            ObjectNode n = columns.addObject();
            n.put("name", c.name());
            n.put("type", c.type().label());
            n.put("test", c.test());
            number(n, "score", c.score());
            number(n, "threshold", c.threshold());
            n.put("drifted", c.drifted());
        }
        ArrayNode drifted = d.putArray("driftedColumns");
        e.driftedColumns().forEach(drifted::add);
        ArrayNode estimate = d.putArray("estimate");
        e.estimate().forEach(estimate::add);
        ArrayNode multivariate = d.putArray("multivariate");
        e.multivariate().forEach(multivariate::add);
        reference(d, "reference", e.reference());
        ObjectNode links = d.putObject("links");
        links.put("report", text(e.reportUrl()));
        links.put("dashboard", text(e.dashboardUrl()));
        return d;
    }

    /** {@code field}: the reference's lineage ({@code {"system", …facts}}), or null when it is not versioned. */
    static void reference(ObjectNode n, String field, io.driftwatch.data.Lineage lineage) {
        if (lineage == null) {
            n.putNull(field);
            return;
        }
        ObjectNode r = n.putObject(field);
        r.put("system", lineage.system());
        lineage.facts().forEach(r::put);
    }

    static ObjectNode dataset(DatasetDrift ds) {
        ObjectNode n = NODES.objectNode();
        n.put("detected", ds.detected());
        number(n, "share", ds.share());
        number(n, "threshold", ds.threshold());
        n.put("numberOfColumns", ds.numberOfColumns());
        n.put("numberOfDriftedColumns", ds.numberOfDriftedColumns());
        n.put("numberOfErrors", ds.numberOfErrors());
        return n;
    }

    /** {@code check} or {@code breach}. */
    static String kind(RetrainEvent.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    static String text(URI uri) {
        return uri == null ? null : uri.toString();
    }

    static void number(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }
}
