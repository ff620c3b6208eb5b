package io.driftwatch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of every error answer: a stable machine-readable {@code code}, a message for people, and
 * the request field, column or parameter concerned (null when the request as a whole is wrong).
 * {@code problems} lists every problem when there are several (a monitor definition with three
 * mistakes).
 *
 * <p>Thread-safe: immutable.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String code, String message, String field, List<Problem> problems) {

    public ApiError {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** An error about one field (or none). */
    public static ApiError of(String code, String message, String field) {
        return new ApiError(code, message, field, List.of());
    }

    /** One of several problems: the field and what is wrong with it. */
    public record Problem(String field, String message) {
    }
}
