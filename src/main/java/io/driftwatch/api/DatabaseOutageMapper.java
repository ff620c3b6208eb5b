package io.driftwatch.api;

import io.driftwatch.store.DatabaseReach;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database that cannot be reached (down, restarting, refusing connections, a dropped connection)
 * is {@code 503 Service Unavailable} with {@code Retry-After}: the request was fine and may be sent
 * again. The log gets one WARN line with the cause, and at most one more every
 * {@value #LOG_EVERY_SECONDS} seconds while the outage lasts (saying how many requests were
 * answered so meanwhile), never a stack trace per request. Any other failure of a statement is a
 * bug: the 500 of {@link UnexpectedExceptionMapper}.
 *
 * <p>Thread-safe: the log's rate limit is kept in atomics.
 */
final class DatabaseOutageMapper implements ExceptionMapper<JdbiException> {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutageMapper.class);
    /** What a caller is told to wait: long enough for a restarted database to accept connections. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    private static final long LOG_EVERY_SECONDS = 30;

    private final UnexpectedExceptionMapper unexpected;
    private final AtomicLong nextLogNanos = new AtomicLong(System.nanoTime());
    private final AtomicInteger unlogged = new AtomicInteger();

    DatabaseOutageMapper(UnexpectedExceptionMapper unexpected) {
        this.unexpected = unexpected;
    }

    @Override
    public Response toResponse(JdbiException e) {
        Optional<Response> outage = answer(e);
        return outage.orElseGet(() -> unexpected.internalError(e));
    }

    /** The 503 for {@code e} when it is a database outage (wherever in its causes); empty otherwise. */
    Optional<Response> answer(Throwable e) {
        Optional<String> cause = DatabaseReach.outage(e);
        if (cause.isEmpty()) {
            return Optional.empty();
        }
        log(cause.get());
        return Optional.of(Response.status(503)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER.toSeconds())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("database_unavailable", "the service cannot reach its database at the moment;"
                        + " try again in " + RETRY_AFTER.toSeconds() + " seconds", null))
                .build());
    }

    private void log(String cause) {
        long now = System.nanoTime();
        long next = nextLogNanos.get();
        if (now - next >= 0 && nextLogNanos.compareAndSet(next, now + Duration.ofSeconds(LOG_EVERY_SECONDS).toNanos())) {
            int since = unlogged.getAndSet(0);
            LOG.warn("the database cannot be reached ({}): answering 503 with Retry-After: {}{}", cause,
                    RETRY_AFTER.toSeconds(), since == 0 ? "" : " (" + since + " more such answers since the last line)");
        } else {
            unlogged.incrementAndGet();
        }
    }
}
