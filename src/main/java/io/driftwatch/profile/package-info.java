/**
 * What a reference batch is reduced to once per monitor and reused for every check against it:
 * per column, the sorted finite values (numbers) or the category counts (text), plus missing
 * counts; and the batch's {@link io.driftwatch.profile.TableFacts} (duplicated and empty rows,
 * duplicated and almost-duplicated column pairs, per-column statistics), which the integrity
 * analysis also computes for the current batch with the same code. A
 * {@link io.driftwatch.profile.ReferenceProfile} serialises to a compact binary file, so a
 * restart does not recompute it; a check against a profile gives bit-identical results to a check
 * against the raw reference, because the analyses only ever read the profile. For data that does not
 * fit one machine, a {@link io.driftwatch.profile.SketchProfile} keeps mergeable summaries instead
 * (exact counts and moments, Apache DataSketches KLL and frequent-items sketches; docs/sketches.md,
 * docs/sketch-profile.md), which the sketch tests of {@code stats} read. No I/O beyond the streams
 * given.
 */
package io.driftwatch.profile;
