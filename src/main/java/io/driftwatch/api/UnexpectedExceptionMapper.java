package io.driftwatch.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything else is a bug or an outage: 500, logged with an id that the answer quotes so the log
 * line can be found, and no internals in the answer.
 *
 * <p>Thread-safe: stateless.
 */
final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
        LOG.error("internal error {}", id, e);
        return DriftwatchExceptionMapper.answer(500, ApiError.of("internal_error",
                "the service failed to answer (error " + id + " in its log)", null));
    }
}
