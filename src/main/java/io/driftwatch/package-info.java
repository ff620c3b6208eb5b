/**
 * Driftwatch: detects data drift between a reference batch and production batches. The root
 * package holds only the application, which builds and registers the objects of the packages
 * below, and {@link io.driftwatch.DriftwatchException}, the base of every exception they throw.
 * The layers and their one-way dependencies are described in {@code DESIGN.md}.
 */
package io.driftwatch;
