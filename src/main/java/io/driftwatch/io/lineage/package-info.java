/**
 * References that name a version of the data rather than a path: a DVC-tracked file, by its
 * {@code .dvc} file or a {@code dvc.lock} output ({@link io.driftwatch.io.lineage.DvcReference}: the
 * repository's files, cache and local remotes, the content verified against its MD5, no DVC or Git
 * binary needed), or a registered MLflow model's training dataset
 * ({@link io.driftwatch.io.lineage.MlflowReference}: the tracking server's REST API). Each resolves to a
 * local file and says where it came from ({@link io.driftwatch.data.Lineage}). No logging:
 * failures are {@link io.driftwatch.io.lineage.UnresolvableReferenceException}s naming the file, the
 * field and what was looked for.
 */
package io.driftwatch.io.lineage;
