package io.driftwatch.store;

import java.time.Instant;

/**
 * One delivery waiting in (or done with) the outbox: an alert to a channel or a request to a
 * retraining trigger, its rendered payload (never a secret: those are added when it is sent), its
 * idempotency key, and its delivery state. Its place in its receiver's line is the table's
 * {@code seq} column, numbered by the database on insert, which the record does not carry: the
 * queries of {@link OutboxDao} order by it.
 *
 * @param targetKind a channel or a trigger
 * @param targetName the channel's or trigger's name in the configuration
 * @param event what happened: {@code triggered}, {@code resolved}, {@code check}, {@code breach}
 * @param state pending, delivered or failed
 * @param claimedUntil while a worker is sending it, the end of its lease; null otherwise
 * @param externalId what the receiver called it (a DAG run id, an MLflow run id), when it says
 *
 * <p>Thread-safe: immutable.
 */
public record OutboxRow(String id, String idempotencyKey, String monitorId, String checkId, String incidentId,
        TargetKind targetKind, String targetName, String event, String payload, State state, int attempts,
        Instant createdAt, Instant nextAttemptAt, Instant claimedUntil, Instant deliveredAt, String lastError,
        String externalId) {

    /**
     * What a row is delivered to; stored as {@link #value()} in {@code outbox.target_kind}.
     */
    public enum TargetKind {
        /** An alert channel ({@code channels:} in the configuration). */
        CHANNEL("channel"),
        /** A retraining trigger ({@code triggers:} in the configuration). */
        TRIGGER("trigger");

        private final String value;

        TargetKind(String value) {
            this.value = value;
        }

        /** The stored value, also what the API and the dashboard show: {@code channel} or {@code trigger}. */
        public String value() {
            return value;
        }

        static TargetKind of(String value) {
            for (TargetKind k : values()) {
                if (k.value.equals(value)) {
                    return k;
                }
            }
            throw new IllegalStateException("an outbox row has target kind '" + value + "'");
        }
    }

    /**
     * Where a row's delivery stands; stored as {@link #value()} in {@code outbox.state} (the DAO's
     * queries name these values).
     */
    public enum State {
        /** Waiting for its first attempt, for a retry, or being sent. */
        PENDING("pending"),
        /** The receiver accepted it. */
        DELIVERED("delivered"),
        /** Refused for good or given up on; retryable by hand. */
        FAILED("failed");

        private final String value;

        State(String value) {
            this.value = value;
        }

        /** The stored value, also what the API and the dashboard show. */
        public String value() {
            return value;
        }

        /** The state stored as {@code value}, if it is one. */
        public static java.util.Optional<State> of(String value) {
            for (State s : values()) {
                if (s.value.equals(value)) {
                    return java.util.Optional.of(s);
                }
            }
            return java.util.Optional.empty();
        }
    }
}
