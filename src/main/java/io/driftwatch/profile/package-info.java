/**
 * What a reference batch is reduced to once per monitor and reused for every check against it:
 * per column, the sorted finite values (numbers) or the category counts (text), plus missing
 * counts; and the batch's {@link io.driftwatch.profile.TableFacts} (duplicated and empty rows,
 * duplicated and almost-duplicated column pairs, per-column statistics), which the integrity
 * analysis also computes for the current batch with the same code. A
 * {@link io.driftwatch.profile.ReferenceProfile} serialises to a compact binary file, so a
 * restart does not recompute it; a check against a profile gives bit-identical results to a check
 * against the raw reference, because the analyses only ever read the profile. Later also
 * mergeable sketches for data that does not fit one machine. No I/O beyond the streams given.
 */
package io.driftwatch.profile;
