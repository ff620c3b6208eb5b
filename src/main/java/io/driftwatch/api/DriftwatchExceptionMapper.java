package io.driftwatch.api;

import io.driftwatch.DriftwatchException;
import io.driftwatch.io.DatasetLimitException;
import io.driftwatch.io.SchemaMismatchException;
import io.driftwatch.io.UnreadableDatasetException;
import io.driftwatch.io.lineage.UnresolvableReferenceException;
import io.driftwatch.monitor.ConflictException;
import io.driftwatch.monitor.InvalidRequestException;
import io.driftwatch.monitor.NotFoundException;
import io.driftwatch.monitor.checks.BusyException;
import io.driftwatch.monitor.checks.FailedCheckException;
import io.driftwatch.monitor.checks.InvalidLabelsException;
import io.driftwatch.monitor.definitions.InvalidMonitorException;
import io.driftwatch.store.BlobTooLargeException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the domain's exceptions into error answers: what was not found is 404, an invalid
 * definition, an unreadable batch or labels without their id or target 422 (naming the field or the
 * line and column; for a batch posted as a check, with the failed check recorded for it), a full check queue 503 with {@code Retry-After},
 * a body or a definition past a limit (its size, its size once decompressed, its columns or a cell's
 * length) 413 naming the limit and its setting.
 *
 * <p>Thread-safe: stateless.
 */
final class DriftwatchExceptionMapper implements ExceptionMapper<DriftwatchException> {
    private static final Logger LOG = LoggerFactory.getLogger(DriftwatchExceptionMapper.class);

    @Override
    public Response toResponse(DriftwatchException e) {
        if (e instanceof NotFoundException n) {
            return answer(404, ApiError.of("not_found", n.getMessage(), n.field()));
        }
        if (e instanceof InvalidMonitorException m) {
            List<ApiError.Problem> problems = new ArrayList<>();
            for (InvalidMonitorException.Problem p : m.problems()) {
                problems.add(new ApiError.Problem(p.field(), p.describe()));
            }
            return answer(422, new ApiError("invalid_monitor", m.getMessage(), m.field(), problems));
        }
        if (e instanceof InvalidLabelsException l) {
            return answer(422, ApiError.of("invalid_labels", l.getMessage(), l.field()));
        }
        if (e instanceof InvalidRequestException r) {
            return answer(400, ApiError.of("invalid_request", r.getMessage(), r.field()));
        }
        if (e instanceof ConflictException c) {
            return answer(409, ApiError.of("conflict", c.getMessage(), c.field()));
        }
        if (e instanceof FailedCheckException f) {
            return answer(422, batchError(f.reason()).withFailedCheck(f.checkId()));
        }
        if (e instanceof UnresolvableReferenceException) {
            return answer(422, ApiError.of("unresolvable_reference", e.getMessage(), "reference"));
        }
        if (e instanceof DatasetLimitException) {
            // a kind of unreadable batch, but one past a limit the user can raise
            return answer(413, ApiError.of("payload_too_large", e.getMessage(), "body"));
        }
        if (e instanceof UnreadableDatasetException || e instanceof SchemaMismatchException) {
            return answer(422, batchError(e));
        }
        if (e instanceof BlobTooLargeException t) {
            return answer(413, ApiError.of("payload_too_large", t.setting() != null ? t.getMessage()
                    : "the body is larger than the limit of " + t.limit() + " bytes (api.maxBodySize)", "body"));
        }
        if (e instanceof DefinitionTooLargeException) {
            return answer(413, ApiError.of("payload_too_large", e.getMessage(), "body"));
        }
        if (e instanceof BusyException b) {
            return Response.status(503)
                    .header(HttpHeaders.RETRY_AFTER, Math.max(1, b.retryAfter().toSeconds()))
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiError.of("busy", b.getMessage(), null))
                    .build();
        }
        LOG.warn("request failed: {}", e.getMessage());
        return answer(422, ApiError.of("invalid_input", e.getMessage(), null));
    }

    /** A batch that cannot be read names the body; one that does not line up, the columns. */
    private static ApiError batchError(DriftwatchException e) {
        if (e instanceof SchemaMismatchException) {
            return ApiError.of("schema_mismatch", e.getMessage(), "columns");
        }
        if (e instanceof UnreadableDatasetException) {
            return ApiError.of("unreadable_dataset", e.getMessage(), "body");
        }
        return ApiError.of("invalid_input", e.getMessage(), null);
    }

    static Response answer(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
