// Writes the Parquet and compressed Arrow (Feather v2) test resources under
// src/test/resources/io/driftwatch/io/formats/ with implementations independent of Driftwatch:
// Polars (Rust; nodejs-polars) and DuckDB (C++; @duckdb/node-api). Not run by the build.
//
// The command that made the committed files (Node 20; the packages from the npm registry, in a
// scratch folder outside the repository):
//
//   mkdir -p /tmp/gen && cd /tmp/gen && npm init -y && \
//     npm install nodejs-polars@0.26.1 nodejs-polars-linux-x64-gnu@0.26.1 @duckdb/node-api@1.5.6-r.1
//   NODE_PATH=/tmp/gen/node_modules node --experimental-default-type=module \
//     scripts/make-format-fixtures.mjs   # from the repository root
//
// What each file holds is described in src/test/resources/io/driftwatch/io/formats/README.md.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_PATH ?? '/tmp/gen/node_modules', 'x.js'));
const pl = require('nodejs-polars');
const { DuckDBInstance } = require('@duckdb/node-api');

const out = 'src/test/resources/io/driftwatch/io/formats';
const csv = 'examples/bike-sharing/current.csv';

// 1. The bike-sharing current batch, the same rows as the CSV: dteday a date, the integers
//    int64, the measurements float64 (as pandas reads the CSV).
const bike = pl.readCSV(csv, { tryParseDates: true });
bike.writeParquet(`${out}/bike-current.snappy.parquet`, { compression: 'snappy' });
bike.writeParquet(`${out}/bike-current.zstd.parquet`, { compression: 'zstd' });
bike.writeIPC(`${out}/bike-current.lz4.arrow`, { compression: 'lz4' });
bike.writeIPC(`${out}/bike-current.zstd.arrow`, { compression: 'zstd' });

// 2. Every supported type, with nulls, and dictionary-encoded strings (Polars categoricals).
const n = 300; // more than one page of bits; small files
const ints = Array.from({ length: n }, (_, i) => (i % 7 === 3 ? null : (i * 37) % 101 - 50));
const types = pl.DataFrame({
  i8: pl.Series('i8', ints, pl.Int8),
  i16: pl.Series('i16', ints.map((v) => (v === null ? null : v * 300)), pl.Int16),
  i32: pl.Series('i32', ints.map((v) => (v === null ? null : v * 40000)), pl.Int32),
  i64: pl.Series('i64', Array.from({ length: n }, (_, i) => i * 1000003), pl.Int64),
  u8: pl.Series('u8', Array.from({ length: n }, (_, i) => (i * 7) % 256), pl.UInt8),
  u16: pl.Series('u16', Array.from({ length: n }, (_, i) => (i * 331) % 65536), pl.UInt16),
  u32: pl.Series('u32', Array.from({ length: n }, (_, i) => 4294967295 - i), pl.UInt32),
  f32: pl.Series('f32', Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : i / 8)), pl.Float32),
  f64: pl.Series('f64', Array.from({ length: n }, (_, i) => (i % 13 === 0 ? null : Math.sin(i) * 1e3)), pl.Float64),
  flag: pl.Series('flag', Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : i % 3 === 0)), pl.Bool),
  label: pl.Series('label', Array.from({ length: n }, (_, i) => (i % 9 === 0 ? null : `s${(i * 13) % 40}é`)), pl.Utf8),
  colour: pl.Series('colour', Array.from({ length: n }, (_, i) => (i % 10 === 4 ? null : ['red', 'green', 'blue'][i % 3])), pl.Categorical),
  day: pl.Series('day', Array.from({ length: n }, (_, i) => (i % 17 === 0 ? null : new Date(Date.UTC(2020, 0, 1 + i)))), pl.Date),
});
const withTimes = types.withColumns(
  pl.col('i64').mul(1000).cast(pl.Datetime('ms')).alias('ts_ms'),
  pl.col('i64').mul(1000000).cast(pl.Datetime('us')).alias('ts_us'),
  pl.col('i64').mul(1000000000).add(123456789).cast(pl.Datetime('ns')).alias('ts_ns'),
  pl.col('i64').mul(1000).cast(pl.Datetime('ms', 'Europe/Paris')).alias('ts_tz'),
);
withTimes.writeParquet(`${out}/types.snappy.parquet`, { compression: 'snappy' });
withTimes.writeParquet(`${out}/types.zstd.parquet`, { compression: 'zstd' });
// Polars writes plain strings as Utf8View (string views) unless asked for its "oldest" compatibility
// level (large_utf8, as pyarrow); only the lazy writer takes that option, and it has no LZ4. So: ZSTD
// with every column in the oldest format, LZ4 without the string columns, and LZ4 with them as
// string views (Polars' default).
await withTimes.lazy().sinkIpc(`${out}/types.zstd.arrow`, { compression: 'zstd', compatLevel: 'oldest' }).collect?.();
withTimes.drop('label', 'colour').writeIPC(`${out}/types.lz4.arrow`, { compression: 'lz4' });
withTimes.select('i64', 'label', 'colour').writeIPC(`${out}/string-views.lz4.arrow`, { compression: 'lz4' });
// String views longer than the 12 bytes a view holds, kept in the variadic data buffers.
const longText = (i) => (i % 11 === 0 ? null : i % 2 === 0 ? `short${i % 7}` : `a longer value, number ${i}, ünïcode`);
const views = pl.DataFrame({
  id: pl.Series('id', Array.from({ length: n }, (_, i) => i), pl.Int64),
  text: pl.Series('text', Array.from({ length: n }, (_, i) => longText(i)), pl.Utf8),
});
views.writeIPC(`${out}/string-views-long.lz4.arrow`, { compression: 'lz4' });
views.writeIPC(`${out}/string-views-long.zstd.arrow`, { compression: 'zstd' });

// 3. Nested columns, which are refused: a list and a struct next to a flat column.
const nested = pl.DataFrame({
  id: [1, 2, 3],
  tags: pl.Series('tags', [['a', 'b'], [], ['c']]),
  point: pl.DataFrame({ x: [1.0, 2.0, 3.0], y: [4.0, 5.0, 6.0] }).toStruct('point'),
});
nested.writeParquet(`${out}/nested.parquet`, { compression: 'snappy' });

// 4. DuckDB's writer (another implementation; several row groups, data page v1, GZIP and
//    uncompressed pages) over the same bike-sharing rows.
const duck = await (await DuckDBInstance.create(':memory:')).connect();
await duck.run(`CREATE TABLE bike AS SELECT * FROM read_csv('${csv}', header = true)`);
await duck.run(`COPY bike TO '${out}/bike-current.duckdb.parquet' (FORMAT PARQUET, COMPRESSION GZIP, ROW_GROUP_SIZE 200)`);
await duck.run(`COPY bike TO '${out}/bike-current.uncompressed.parquet' (FORMAT PARQUET, COMPRESSION UNCOMPRESSED)`);
await duck.run(`COPY (SELECT instant, CAST(temp * 10000 AS DECIMAL(9, 4)) AS temp_dec,
    CAST(cnt AS DECIMAL(18, 2)) AS cnt_dec, CAST(hum AS DECIMAL(30, 4)) AS hum_dec FROM bike)
    TO '${out}/decimals.duckdb.parquet' (FORMAT PARQUET, COMPRESSION SNAPPY)`);
await duck.run(`COPY (SELECT 1 AS id, TIME '12:30:00' AS at_time)
    TO '${out}/time-of-day.duckdb.parquet' (FORMAT PARQUET)`);
await duck.run(`COPY bike TO '${out}/bike-current.brotli.parquet' (FORMAT PARQUET, COMPRESSION BROTLI)`);
console.log('written to', out);
