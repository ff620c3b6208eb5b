package io.driftwatch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The body of every error answer: a stable machine-readable {@code code}, a message for people, and
 * the request field, column or parameter concerned (null when the request as a whole is wrong).
 * {@code problems} lists the problems when there are several (a monitor definition with three
 * mistakes; the first hundred of more). A batch posted as a check that could not run is recorded as a
 * failed check: {@code checkId} and {@code links.check} name it.
 *
 * <p>Thread-safe: immutable.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String code, String message, String field, List<Problem> problems, String checkId,
        Map<String, String> links) {

    public ApiError {
        problems = problems == null ? List.of() : List.copyOf(problems);
        links = links == null ? Map.of() : Map.copyOf(links);
    }

    /** An error with the problems of a request that has several. */
    public ApiError(String code, String message, String field, List<Problem> problems) {
        this(code, message, field, problems, null, null);
    }

    /** An error about one field (or none). */
    public static ApiError of(String code, String message, String field) {
        return new ApiError(code, message, field, List.of());
    }

    /**
     * This error, about a batch posted as a check that could not run, with the failed check recorded
     * for it: {@code checkId} and {@code links.check}.
     */
    ApiError withFailedCheck(String id) {
        return new ApiError(code, message, field, problems, id, Map.of("check", "/api/v1/checks/" + id));
    }

    /** One of several problems: the field and what is wrong with it. */
    public record Problem(String field, String message) {
    }
}
