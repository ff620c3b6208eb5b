package io.driftwatch.api;

import io.driftwatch.monitor.checks.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset as the API shows it.
 *
 * <p>Thread-safe: immutable.
 */
public record DatasetRepresentation(String id, long rows, String sha256, String format, long bytes,
        List<Column> columns, String createdAt) {

    /** A column and its inferred type. */
    public record Column(String name, String type) {
    }

    static DatasetRepresentation of(Dataset d) {
        List<Column> columns = new ArrayList<>(d.columns().size());
        for (Dataset.Column c : d.columns()) {
            columns.add(new Column(c.name(), c.type().label()));
        }
        return new DatasetRepresentation(d.id(), d.rows(), d.sha256(), d.format(), d.bytes(), List.copyOf(columns),
                d.createdAt().toString());
    }
}
