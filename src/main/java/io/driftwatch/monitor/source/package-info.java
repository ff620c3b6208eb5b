/**
 * Where a scheduled monitor pulls its current batches from: a {@link io.driftwatch.monitor.source.SourceSpec}
 * is the {@code source:} part of a monitor definition ({@code type: directory | jdbc | http}), and
 * {@link io.driftwatch.monitor.source.Sources#open} turns it into a {@link io.driftwatch.monitor.source.Source}
 * that reads what is new for one time window into local files, each described by a
 * {@link io.driftwatch.monitor.source.SourceRead} that the check records. Sources only read; ingesting,
 * checking, scheduling and remembering which files were read belong to {@code monitor}.
 */
package io.driftwatch.monitor.source;
