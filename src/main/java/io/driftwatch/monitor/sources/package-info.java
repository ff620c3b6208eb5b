/**
 * Where a scheduled monitor pulls its current batches from: a {@link io.driftwatch.monitor.sources.SourceSpec}
 * is the {@code source:} part of a monitor definition ({@code type: directory | jdbc | http}), and
 * {@link io.driftwatch.monitor.sources.Sources#open} turns it into a {@link io.driftwatch.monitor.sources.Source}
 * that reads what is new for one time window into local files, each described by a
 * {@link io.driftwatch.monitor.sources.SourceRead} that the check records. Sources only read; ingesting,
 * checking, scheduling and remembering which files were read belong to {@code checks} and
 * {@code schedule}. This package depends on no other part of {@code monitor}; {@code definitions}
 * (for the {@code source:} part), {@code checks} (what a check records of a read) and {@code schedule}
 * use it.
 */
package io.driftwatch.monitor.sources;
