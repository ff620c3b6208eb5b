package io.driftwatch.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a check's documents are, as absolute paths on this service.
 *
 * <p>Thread-safe: immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Links(String self, String report, String result, String monitor) {

    public static Links ofCheck(String checkId, String monitorId) {
        String base = "/api/v1/checks/" + checkId;
        return new Links(base, base + "/report", base + "/result", "/api/v1/monitors/" + monitorId);
    }
}
