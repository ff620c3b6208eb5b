package io.driftwatch.monitor.checks;

import io.driftwatch.data.ColumnType;
import java.time.Instant;
import java.util.List;

/**
 * An ingested batch as the service knows it.
 *
 * @param id the dataset id (derived from the content hash, so the same bytes get the same id)
 * @param sha256 the SHA-256 of the (decompressed) bytes
 * @param format csv, arrow-file, arrow-stream, parquet, or {@value DatasetIntake#SKETCH_FORMAT} for a sketch
 *     profile
 * @param rows data rows (of a sketch profile: the rows it summarises)
 * @param bytes size of the stored bytes
 * @param columns the columns with their inferred types, in file order (of a sketch profile: Evidently's
 *     rules applied to its sketches)
 * @param createdAt when it was first uploaded
 * @param created whether this request stored it (false when the same bytes were already there)
 */
public record Dataset(String id, String sha256, String format, long rows, long bytes, List<Column> columns,
        Instant createdAt, boolean created) {

    public Dataset {
        columns = List.copyOf(columns);
    }

    /** Whether the dataset is a sketch profile rather than rows. */
    public boolean isSketchProfile() {
        return DatasetIntake.SKETCH_FORMAT.equals(format);
    }

    /** A column name and the type Evidently's rules infer for it. */
    public record Column(String name, ColumnType type) {
    }
}
