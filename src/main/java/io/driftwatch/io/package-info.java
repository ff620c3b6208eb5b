/**
 * Readers that stream bytes into the columnar builders of {@code data}: CSV (FastCSV and
 * FastDoubleParser, parsing straight into primitive builders), Arrow IPC (file and stream
 * format, uncompressed or with LZ4/ZSTD buffers) and Parquet (flat schemas, parquet-column's
 * decoders driven by our own page reader, without Hadoop); column type inference with Evidently
 * 0.7's rules; alignment of a reference and a current schema. {@link io.driftwatch.io.ArrowFileWriter} writes a table back as an Arrow IPC file that
 * the reader returns unchanged (a chunk of a batch stored as a dataset). For files larger than
 * memory, {@link io.driftwatch.io.CsvStream} and {@link io.driftwatch.io.ArrowReader#stream} hand a
 * file on as bounded tables, one after another (the sketch profiles take them). Every read error is an
 * {@link io.driftwatch.io.UnreadableDatasetException} or
 * {@link io.driftwatch.io.SchemaMismatchException} whose message names the file, the line, record
 * batch or row group, and the column. Nothing here logs.
 */
package io.driftwatch.io;
