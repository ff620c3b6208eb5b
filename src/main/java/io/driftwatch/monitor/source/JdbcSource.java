package io.driftwatch.monitor.source;

import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;

/**
 * Placeholder so this branch compiles; the real JdbcSource lands on the jdbc-source branch (take
 * that one when merging).
 *
 * <p>Thread-safe: stateless.
 */
final class JdbcSource implements Source {
    JdbcSource(SourceSpec.Jdbc spec, DataSource dataSource, Path temporaryDirectory) {
    }

    @Override
    public List<SourceBatch> read(TimeWindow window, SeenFiles seen) {
        throw new UnsupportedOperationException("jdbc sources are not implemented on this branch");
    }
}
