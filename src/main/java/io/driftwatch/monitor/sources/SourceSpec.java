package io.driftwatch.monitor.sources;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code source:} of a monitor definition, as parsed and validated against the definition's own
 * rules (not yet against the service: allowed directories, declared data sources).
 *
 * <p>Thread-safe: immutable.
 */
public sealed interface SourceSpec {
    /** The {@code type:} label: {@code directory}, {@code jdbc}, {@code http} or {@code s3}. */
    String type();

    /**
     * A folder watched for new files.
     *
     * @param path the folder, as written (resolved against the service's working directory)
     * @param glob which file names to read, a {@link java.nio.file.FileSystem#getPathMatcher glob}
     *     matched against the name only (default {@code *})
     * @param settle how long a file's size and modification time must stay unchanged before it is read
     */
    record Directory(Path path, String glob, Duration settle) implements SourceSpec {
        @Override
        public String type() {
            return "directory";
        }
    }

    /**
     * A SQL query against a data source declared in the service configuration.
     *
     * @param dataSource the name of the data source ({@code sources.dataSources} in config.yml)
     * @param query the query; {@code :from} and {@code :to} are bound to the window's bounds
     *     (timestamps with time zone), and either may be left out
     */
    record Jdbc(String dataSource, String query) implements SourceSpec {
        @Override
        public String type() {
            return "jdbc";
        }
    }

    /**
     * A URL answering a CSV, Arrow or Parquet batch (gzip is recognised).
     *
     * @param url the URL as written; {@code {from}} and {@code {to}} are replaced by the window's bounds
     *     (ISO-8601 instants)
     * @param headers request headers; {@code ${NAME}} in a value is read from the service's environment
     *     at each request, so secrets are never stored with the monitor
     * @param timeout how long one request may take
     */
    record Http(String url, Map<String, String> headers, Duration timeout) implements SourceSpec {
        public Http {
            headers = Map.copyOf(headers);
        }

        @Override
        public String type() {
            return "http";
        }
    }

    /**
     * Objects in S3-compatible storage (MinIO, S3), reached with the service's {@code AWS_*}
     * environment variables.
     *
     * @param url {@code s3://bucket/prefix/}: each new object directly under the prefix whose name
     *     matches {@code glob} is read once (as a directory source reads files); or a window template,
     *     {@code s3://bucket/batches/{from}.csv}, whose {@code {from}} and {@code {to}} are replaced by
     *     the window's bounds (ISO-8601 instants) and which names one object per window (as the http source)
     * @param glob which object names (the key's last segment) a prefix reads (default {@code *})
     */
    record S3(String url, String glob) implements SourceSpec {
        @Override
        public String type() {
            return "s3";
        }

        /** Whether the URL is a window template rather than a prefix. */
        public boolean isTemplate() {
            return url.contains("{from}") || url.contains("{to}");
        }
    }
}
