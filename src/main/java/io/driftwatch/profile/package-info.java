/**
 * What a reference batch is reduced to once per monitor and reused for every check against it:
 * per column, the sorted finite values (numbers) or the category counts (text), plus missing
 * counts. A {@link io.driftwatch.profile.ReferenceProfile} serialises to a compact binary file, so a
 * restart does not recompute it; a check against a profile gives bit-identical results to a check
 * against the raw reference, because the drift layer only ever reads the profile. Later also
 * mergeable sketches for data that does not fit one machine. No I/O beyond the streams given.
 */
package io.driftwatch.profile;
