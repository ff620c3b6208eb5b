package io.driftwatch.api;

/**
 * The media types the API takes and gives beyond JAX-RS's own constants.
 */
final class ApiMediaTypes {
    static final String CSV = "text/csv";
    static final String ARROW_FILE = "application/vnd.apache.arrow.file";
    static final String ARROW_STREAM = "application/vnd.apache.arrow.stream";
    static final String PARQUET = "application/vnd.apache.parquet";
    /** A Driftwatch sketch profile (docs/sketch-profile.md), as {@code driftwatch profile --sketch} writes it. */
    static final String SKETCH_PROFILE = "application/vnd.driftwatch.sketch-profile";
    static final String GZIP = "application/gzip";
    static final String OCTET_STREAM = "application/octet-stream";
    static final String YAML = "application/yaml";
    static final String YAML_LEGACY = "application/x-yaml";
    static final String YAML_TEXT = "text/yaml";

    private ApiMediaTypes() {
    }
}
