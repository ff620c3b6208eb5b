/**
 * The REST API under {@code /api/v1}: JAX-RS resources that parse and check a request, delegate to
 * {@code monitor}, and turn the answer into a representation record (never a store row). Errors
 * become {@link io.driftwatch.api.ApiError} bodies with a stable code. Also the admin port's
 * Prometheus endpoint ({@code GET /metrics}), which exposes what {@code monitor} reads and the
 * service's Dropwizard metrics. {@link io.driftwatch.api.Api} registers everything, the dashboard's
 * pages ({@code api.dashboard}) included; what both share (the roles, the HTML page headers, a
 * check's links) lives here.
 */
package io.driftwatch.api;
