/**
 * References that name a versioned file rather than a path: a DVC-tracked file, by its {@code .dvc}
 * file or a {@code dvc.lock} output. Resolves one to a local file whose content is verified against the
 * version's hash, and says where it came from ({@link io.driftwatch.data.Lineage}). Reads only the
 * files of the repository, its cache and local remotes; no DVC or Git binary is needed. No logging:
 * failures are {@link io.driftwatch.io.lineage.UnresolvableReferenceException}s naming the file, the
 * field and what was looked for.
 */
package io.driftwatch.io.lineage;
