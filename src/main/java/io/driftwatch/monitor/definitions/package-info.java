/**
 * What a monitor says: its definition (name, reference, column mapping, analyses' settings, the
 * alert and retraining {@link io.driftwatch.monitor.definitions.Policy}, the
 * {@link io.driftwatch.monitor.definitions.Schedule}, chunks, a rolling reference and a source; the
 * same YAML or JSON document for the CLI and the API), the parser that reads it and names the field of
 * every problem, and the small values a stored monitor carries ({@link io.driftwatch.monitor.definitions.Monitor},
 * its reference versions). Values and parsing only: nothing here reads a dataset, touches the store,
 * applies the policy or runs anything; those belong in {@code checks}, {@code policy} and
 * {@code schedule}, which depend on this package (it depends only on {@code sources}, for the
 * {@code source:} part of a definition).
 */
package io.driftwatch.monitor.definitions;
