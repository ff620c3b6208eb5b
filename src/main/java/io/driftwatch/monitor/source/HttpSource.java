package io.driftwatch.monitor.source;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/** PLACEHOLDER until the implementation lands: fails every read. */
final class HttpSource implements Source {
    HttpSource(SourceSpec.Http spec, Function<String, String> environment, Path temporaryDirectory) {
    }

    @Override
    public List<SourceBatch> read(TimeWindow window, SeenFiles seen) {
        throw new SourceException("HttpSource is not implemented yet");
    }
}
