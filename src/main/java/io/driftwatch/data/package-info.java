/**
 * The columnar model every other layer works on: a {@link io.driftwatch.data.Table} is a
 * {@link io.driftwatch.data.Schema} plus one {@link io.driftwatch.data.Column} per field. Numeric
 * columns are {@code double[]} plus a validity bitmap, categorical columns are {@code int[]} codes
 * into a dictionary of strings. Columns are immutable once built and nothing here boxes a value.
 * {@link io.driftwatch.data.Chunks} splits a table into time windows or runs of rows and selects a
 * chunk's rows as a table of their own. Readers (in {@code io}) fill columns through the builders
 * of this package. No I/O, no logging, no statistics here.
 */
package io.driftwatch.data;
