package io.driftwatch.store;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.nio.file.Path;

/**
 * {@code storage: {type: local}}, the default: datasets and profiles as files under the data
 * directory, reports under the reports directory. No settings of its own.
 *
 * <p>Not thread-safe: built once at start-up, read-only afterwards.
 */
@JsonTypeName("local")
public class LocalStorageFactory extends StorageFactory {

    @Override
    public Storage build(Path dataDirectory, Path reportsDirectory) {
        return new Storage(BlobStore.in(dataDirectory), ReportStore.in(reportsDirectory));
    }

    @Override
    public String describe(Path dataDirectory) {
        return dataDirectory.toString();
    }
}
