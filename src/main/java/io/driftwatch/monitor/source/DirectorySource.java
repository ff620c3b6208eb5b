package io.driftwatch.monitor.source;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/** PLACEHOLDER until the implementation lands: fails every read. */
final class DirectorySource implements Source {
    DirectorySource(SourceSpec.Directory spec, Path temporaryDirectory) {
    }

    @Override
    public List<SourceBatch> read(TimeWindow window, SeenFiles seen) {
        throw new SourceException("DirectorySource is not implemented yet");
    }
}
