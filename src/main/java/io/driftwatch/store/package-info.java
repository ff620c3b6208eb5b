/**
 * Persistence: JDBI SqlObject DAOs over the schema in {@code db/changelog.sql} (one DAO per
 * aggregate: datasets with their reference profiles, monitors, checks with their per-column
 * results, the model quality of checks with their logged predictions, labels and evaluations), and
 * the content-addressed {@link io.driftwatch.store.BlobStore} that keeps uploaded batches and profiles
 * as files while the database holds their metadata. The same SQL runs on the embedded default (H2 in
 * PostgreSQL mode) and on PostgreSQL, except in {@link io.driftwatch.store.LabelBulk}, the bulk paths
 * of labels (COPY on PostgreSQL). Rows here are storage records, never
 * API representations; deciding what to store belongs in {@code monitor}.
 */
package io.driftwatch.store;
