package io.driftwatch.monitor.sources;

import java.nio.file.Path;

/**
 * One batch a source read: a local file holding a CSV, Arrow or Parquet batch (perhaps gzip), which the caller
 * ingests and then deletes, and what was read.
 *
 * <p>Thread-safe: immutable.
 */
public record SourceBatch(Path file, SourceRead read) {
}
