package io.driftwatch.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything else is a bug: 500, logged with an id that the answer quotes so the log line can be
 * found, and no internals in the answer. A database that cannot be reached is not a bug: it is
 * {@link DatabaseOutageMapper}'s 503, also when the exception arrives wrapped in another. The other
 * exception is a body sent with {@code Content-Encoding: gzip} that is not gzip: Jetty fails the read
 * with a {@code RuntimeException}, and that is the client's 400.
 *
 * <p>Thread-safe: its outage mapper is.
 */
final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    private final DatabaseOutageMapper outages = new DatabaseOutageMapper(this);

    /** The mapper for JDBI's exceptions: an outage is 503, anything else this 500. */
    DatabaseOutageMapper outages() {
        return outages;
    }

    @Override
    public Response toResponse(Throwable e) {
        Optional<Response> outage = outages.answer(e);
        if (outage.isPresent()) {
            return outage.get(); // a database outage, wrapped in another exception on its way here
        }
        if (causedBy(e, ZipException.class)) {
            // Jetty inflates a body sent with Content-Encoding: gzip as the resource reads it, and
            // reports gzip it cannot inflate as a RuntimeException: the client's mistake, not ours.
            return DriftwatchExceptionMapper.answer(400, ApiError.of("invalid_content_encoding",
                    "the body was sent with Content-Encoding: gzip but is not valid gzip", "Content-Encoding"));
        }
        return internalError(e);
    }

    /** 500, logged with an id. */
    Response internalError(Throwable e) {
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
        LOG.error("internal error {}", id, e);
        return DriftwatchExceptionMapper.answer(500, ApiError.of("internal_error",
                "the service failed to answer (error " + id + " in its log)", null));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
