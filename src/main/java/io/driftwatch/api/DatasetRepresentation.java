package io.driftwatch.api;

import io.driftwatch.data.Lineage;
import io.driftwatch.monitor.checks.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset as the API shows it; {@code kind} is {@code table} for a batch of rows and {@code sketch} for a
 * sketch profile (whose {@code rows} are the rows it summarises); {@code lineage} is null for an uploaded
 * one, and says which version of the data it is for one registered through a versioned reference (DVC).
 *
 * <p>Thread-safe: immutable.
 */
public record DatasetRepresentation(String id, String kind, long rows, String sha256, String format, long bytes,
        List<Column> columns, String createdAt, Map<String, String> lineage) {

    /** A column and its inferred type. */
    public record Column(String name, String type) {
    }

    static DatasetRepresentation of(Dataset d) {
        return of(d, null);
    }

    /**
     * The dataset with where its bytes came from ({@code {"system": "dvc", "path", "md5", …}}); null for one
     * that was uploaded.
     */
    static DatasetRepresentation of(Dataset d, Lineage lineage) {
        Map<String, String> where = null;
        if (lineage != null) {
            where = new LinkedHashMap<>();
            where.put("system", lineage.system());
            where.putAll(lineage.facts());
        }
        List<Column> columns = new ArrayList<>(d.columns().size());
        for (Dataset.Column c : d.columns()) {
            columns.add(new Column(c.name(), c.type().label()));
        }
        return new DatasetRepresentation(d.id(), d.isSketchProfile() ? "sketch" : "table", d.rows(), d.sha256(),
                d.format(), d.bytes(), List.copyOf(columns),
                d.createdAt().toString(), where);
    }
}
