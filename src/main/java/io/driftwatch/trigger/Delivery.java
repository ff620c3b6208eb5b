package io.driftwatch.trigger;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one send: done, try again later, or failed for good. Reasons are written for the
 * operator reading the outbox; they never contain a secret or a configured address.
 *
 * <p>Thread-safe: immutable.
 */
public sealed interface Delivery {

    /**
     * The receiver accepted the request (or had already accepted it on an earlier attempt).
     *
     * @param externalId what the receiver calls it (Airflow {@code dag_run_id}, MLflow run id,
     *     GitHub workflow run id); null when it says nothing
     */
    record Delivered(String externalId) implements Delivery {
        /** Delivered, nothing known about the receiver's side. */
        public static Delivered anonymous() {
            return new Delivered(null);
        }

        /** The receiver's id for what was started, when it gave one. */
        public Optional<String> id() {
            return Optional.ofNullable(externalId);
        }
    }

    /**
     * A transient failure (network error, timeout, 408, 425, 429, 5xx): the same payload may
     * succeed later.
     *
     * @param retryAfter what the receiver asked to wait ({@code Retry-After}, rate-limit reset);
     *     null when it did not say, and the caller's own back-off applies
     * @param reason what went wrong
     */
    record Retry(Duration retryAfter, String reason) implements Delivery {
        public Retry {
            Objects.requireNonNull(reason, "reason");
        }

        /** The wait the receiver asked for, if it asked. */
        public Optional<Duration> after() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /**
     * A permanent failure (a 4xx other than the transient ones, a bad configuration, a payload
     * the trigger cannot read): sending the same payload again will fail the same way.
     *
     * @param reason what went wrong
     */
    record Failed(String reason) implements Delivery {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
