/**
 * Retraining triggers: after a check, or when a drift incident opens, ask an ML platform to act.
 * MLflow (a run per check with the drift metrics, and model-version tags and an alias on a
 * breach), Airflow 2 and 3 (a DAG run), GitHub Actions ({@code workflow_dispatch}) and a generic
 * HTTP endpoint. A {@link io.driftwatch.trigger.Trigger} renders a
 * {@link io.driftwatch.trigger.RetrainEvent} to a stored {@link io.driftwatch.delivery.Payload}
 * when the event is recorded, and sends it later, possibly more than once, so every send is safe
 * to repeat: the outcome is an {@link io.driftwatch.delivery.Outcome} telling the caller (the
 * outbox) whether it is done, should retry, or failed for good. Triggers are configured by
 * {@code type:} through {@link io.driftwatch.trigger.TriggerFactory}. The delivery model (payload,
 * outcome, {@code Retry-After}, HTTP transport, redaction, the name and timeouts every trigger has)
 * is shared with alert channels in {@code io.driftwatch.delivery}; a trigger states what it needs
 * from the incident policy through capabilities on {@link io.driftwatch.trigger.Trigger}
 * ({@code wantsEveryCheck()}).
 *
 * <p>Outbound addresses come only from configuration; secrets never appear in payloads, outcomes,
 * {@code toString()} or logs; every call has a connect and a request timeout. This package knows
 * nothing of the outbox, the store or monitors: the outbox stores payloads and schedules retries.
 */
package io.driftwatch.trigger;
