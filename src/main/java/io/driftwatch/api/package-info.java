/**
 * The REST API under {@code /api/v1} and the dashboard pages: JAX-RS resources that parse and
 * check a request, delegate to {@code monitor}, and turn the answer into a representation record
 * (never a store row). Errors become {@link io.driftwatch.api.ApiError} bodies with a stable code.
 */
package io.driftwatch.api;
