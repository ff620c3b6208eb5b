/**
 * What {@code profile} has made public only so that the packages above it can use it too, not part of
 * the profile's own surface: {@link io.driftwatch.profile.internal.Workers}, numbered work items run
 * on an executor's threads and the caller's, each worker with scratch state of its own.
 */
package io.driftwatch.profile.internal;
