package io.driftwatch.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one {@link Channel#send} attempt, for the outbox worker to act on: mark delivered,
 * schedule another attempt, or give up. Reasons are short, single-line, and never hold a secret
 * (URLs, keys and signatures are redacted), so they can be logged and stored.
 *
 * <p>Thread-safe: immutable.
 */
public sealed interface Delivery {

    /** A one-line reason for the log and the outbox row. */
    String reason();

    /** The receiver accepted the payload (a 2xx answer). */
    record Delivered(int status) implements Delivery {
        @Override
        public String reason() {
            return "HTTP " + status;
        }
    }

    /**
     * Worth another attempt later: a network error, a timeout, 408, 425, 429 or a 5xx answer.
     *
     * @param retryAfter how long the receiver asked us to wait ({@code Retry-After}), when it said so;
     *     the worker should wait at least this long
     * @param reason what went wrong
     */
    record Retry(Optional<Duration> retryAfter, String reason) implements Delivery {
        public Retry {
            Objects.requireNonNull(retryAfter, "retryAfter");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Permanent: another attempt with the same payload would fail the same way (a 4xx answer other
     * than 408, 425 and 429, a redirect, or a stored payload this channel cannot send).
     *
     * @param status the HTTP status, or 0 when no request was made
     * @param reason what went wrong
     */
    record Failed(int status, String reason) implements Delivery {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
