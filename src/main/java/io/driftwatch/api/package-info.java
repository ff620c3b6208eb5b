/**
 * The REST API under {@code /api/v1} and the dashboard pages: JAX-RS resources that parse and
 * check a request, delegate to {@code monitor}, and turn the answer into a representation record
 * (never a store row). Errors become {@link io.driftwatch.api.ApiError} bodies with a stable code.
 * Also the admin port's Prometheus endpoint ({@code GET /metrics}), which exposes what
 * {@code monitor} reads and the service's Dropwizard metrics.
 */
package io.driftwatch.api;
