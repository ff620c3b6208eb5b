package io.driftwatch.monitor.sources;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * What the service gives sources: the JDBC data sources declared in its configuration, the folders
 * directory sources may read, the environment {@code ${NAME}} is read from, and a folder for the
 * files sources write.
 *
 * @param dataSources by name ({@code sources.dataSources} in config.yml)
 * @param directories absolute, normalised folders; a directory source must lie in one of them
 * @param environment reads an environment variable; null when unset
 * @param temporaryDirectory where sources write the batches they read (the caller deletes them)
 */
public record SourceEnvironment(Map<String, DataSource> dataSources, List<Path> directories,
        Function<String, String> environment, Path temporaryDirectory) {
    public SourceEnvironment {
        dataSources = Map.copyOf(dataSources);
        directories = List.copyOf(directories);
    }
}
