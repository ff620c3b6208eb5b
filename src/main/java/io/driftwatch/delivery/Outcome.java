package io.driftwatch.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one {@link Receiver#send} attempt, for the outbox to act on: mark delivered, schedule
 * another attempt, or give up. Channels and triggers answer the same three cases. Reasons are short,
 * single-line and never hold a secret (addresses, keys and tokens are masked by {@link Redaction}),
 * so they can be logged, stored and shown.
 *
 * <p>Thread-safe: immutable.
 */
public sealed interface Outcome {

    /** A one-line reason for the log, the outbox row and the command line. */
    String reason();

    /**
     * The receiver accepted the payload (or had already accepted it on an earlier attempt).
     *
     * @param status the HTTP status of the answer that accepted it, or 0 when no single answer did (a
     *     delivery made of several calls)
     * @param externalId what the receiver calls what it started (Airflow {@code dag_run_id}, MLflow run
     *     id, GitHub workflow run id); null when it says nothing
     */
    record Delivered(int status, String externalId) implements Outcome {
        /** Accepted with {@code status}, nothing known about the receiver's side. */
        public Delivered(int status) {
            this(status, null);
        }

        /** The receiver's id for what was started, when it gave one. */
        public Optional<String> id() {
            return Optional.ofNullable(externalId);
        }

        /** {@code HTTP <status>}, or {@code delivered} when several calls made the delivery. */
        @Override
        public String reason() {
            return status == 0 ? "delivered" : "HTTP " + status;
        }
    }

    /**
     * Worth another attempt later: a network error, a timeout, 408, 425, 429 or a 5xx answer (and what
     * a receiver documents as "still in progress" or "rate limited"). The same payload may succeed later.
     *
     * @param retryAfter how long the receiver asked us to wait ({@code Retry-After}, a rate-limit reset),
     *     when it said so; the outbox waits at least this long, else its own back-off applies
     * @param reason what went wrong
     */
    record Retry(Optional<Duration> retryAfter, String reason) implements Outcome {
        public Retry {
            Objects.requireNonNull(retryAfter, "retryAfter");
            Objects.requireNonNull(reason, "reason");
        }

        /** A retry after the outbox's own back-off. */
        public Retry(String reason) {
            this(Optional.empty(), reason);
        }
    }

    /**
     * Permanent: another attempt with the same payload would fail the same way (a 4xx answer other than
     * 408, 425 and 429, a redirect, refused credentials, or a stored payload the receiver cannot send).
     *
     * @param status the HTTP status that refused it, or 0 when no answer did
     * @param reason what went wrong
     */
    record Failed(int status, String reason) implements Outcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }

        /** A failure no HTTP answer decided. */
        public Failed(String reason) {
            this(0, reason);
        }
    }
}
